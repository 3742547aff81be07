from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from campaigns.selectors import campaign_current


def campaign(request: HttpRequest) -> dict[str, Any]:
    """The campaign for every page's title, description and share tags, read lazily
    (templates that do not use it cost nothing) and from the same per-process read as the
    page's own view."""
    language = get_language()
    return {"site_campaign": SimpleLazyObject(lambda: campaign_current(language=language))}
