from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outbox")

    def ready(self) -> None:
        from core import jobs, workers
        from outbox import services
        from privacy import registry

        # The safety net behind the mail task: retries that are due, released claims.
        jobs.register_job("mail_deliver_due", services.mail_deliver_due)
        # The mails a dead worker was sending go again at once (or, handed over, count as sent).
        workers.register_reaper("outbox", services.mail_claims_release)
        # Mails that failed for good keep their (encrypted) address only for a short while.
        registry.register_purge("failed_mails", services.mails_failed_purge)
