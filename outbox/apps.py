from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outbox")

    def ready(self) -> None:
        from core import jobs
        from outbox import services

        # The safety net behind the mail task: retries that are due, a worker that died.
        jobs.register_job("mail_deliver_due", services.mail_deliver_due)
