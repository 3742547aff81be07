import re

from django.conf import settings

LINK = re.compile(r"https?://[^\s<>\"]+")


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


def path_of(url: str) -> str:
    """The site-relative path of an absolute link from a mail (it must point at SITE_URL)."""
    assert url.startswith(settings.SITE_URL + "/"), url
    return url[len(settings.SITE_URL) :]
