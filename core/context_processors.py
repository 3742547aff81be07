from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language_info


def site(request: HttpRequest) -> dict[str, Any]:
    """The language switcher: the same page in every other language, by URL (no cookie)."""
    alternates = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        alternates.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(request.get_full_path(), code),
            }
        )
    return {"language_alternates": alternates, "site_url": settings.SITE_URL}
