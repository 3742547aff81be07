"""The dashboard keeps no data of its own: this model only carries its permission, which
the Campaigner group gets (campaigns.services.campaigner_group_ensure)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dashboard(models.Model):
    class Meta:
        managed = False  # no table
        default_permissions = ()
        permissions = [("view_dashboard", _("Can see the campaign dashboard"))]
        verbose_name = _("campaign dashboard")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
