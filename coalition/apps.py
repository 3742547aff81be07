from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionConfig(AppConfig):
    name = "coalition"
    verbose_name = _("Coalition")
    # Public pages show its rows: saving one refreshes them (core.caching).
    public_content = True
