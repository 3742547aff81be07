from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from privacy import checks as deploy_checks  # noqa: F401 (registers them)
        from privacy import network, registry

        # Rate-limit counts past their window and the keys of days that are over.
        registry.register_purge("rate_limits", network.purge_expired)


@checks.register(checks.Tags.security)
def check_trusted_proxies(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A proxy count without proxy networks trusts nobody's X-Forwarded-For: every client
    behind the proxy would share the proxy's own rate limit."""
    if int(settings.TRUSTED_PROXY_COUNT) > 0 and not settings.TRUSTED_PROXIES:
        return [
            checks.Warning(
                "TRUSTED_PROXY_COUNT is set but TRUSTED_PROXIES is empty: X-Forwarded-For is "
                "ignored and every request counts under the address of the peer that connected.",
                hint="Set TRUSTED_PROXIES to the networks of your proxies, e.g. 127.0.0.1/32.",
                id="privacy.W001",
            )
        ]
    return []
