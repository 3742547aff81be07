"""`manage.py check --deploy` fails while the public address is not https: every link in a
mail (confirmation, deletion) is built from SITE_URL, and must not travel in clear."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def site_url_https(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    parts = urlsplit(str(settings.SITE_URL))
    if parts.scheme == "https" and parts.hostname:
        return []
    return [
        Error(
            f"SITE_URL is {settings.SITE_URL!r}: links in mails must be https.",
            hint="Set SITE_URL to the public https address, e.g. https://stopscanningme.eu",
            id="core.E001",
        )
    ]
