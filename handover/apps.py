from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HandoverConfig(AppConfig):
    name = "handover"
    verbose_name = _("Handing over")

    def ready(self) -> None:
        from core import jobs
        from handover import services

        jobs.register_job("signer_exports_expire", services.signer_exports_expire)
        post_migrate.connect(_campaigners_update, sender=self)


def _campaigners_update(**kwargs: Any) -> None:
    """Give an existing Campaigner group the hand-over permission as soon as it exists
    (auth creates permissions on post_migrate before this runs)."""
    from django.contrib.auth.models import Group

    from campaigns.services import CAMPAIGNER_GROUP, campaigner_group_ensure

    if Group.objects.filter(name=CAMPAIGNER_GROUP).exists():
        campaigner_group_ensure()
