import functools
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.translation import get_language, to_locale

from core import languages

# OpenGraph wants language_TERRITORY; the territory where each language is most read.
OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def _canonical_path(request: HttpRequest) -> str | None:
    """The preferred address of the current page (`/nl/index.html` -> `/nl/`), or None for
    addresses that are not pages (404s)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if not match.url_name:
        return None
    return reverse(match.view_name, args=match.args, kwargs=match.kwargs)


def _hreflang_links(canonical: str | None) -> list[dict[str, str]]:
    if canonical is None:
        return []
    published = languages.published()
    links = [
        {"code": code, "url": settings.SITE_URL + translate_url(canonical, code)}
        for code in published
    ]
    # The home page (a language's root, /nl/) has `/` as x-default, which picks the reader's
    # language; any other page defaults to the fallback language (English).
    if canonical in {f"/{code}/" for code in languages.configured()}:
        x_default = settings.SITE_URL + "/"
    else:
        fallback = languages.best_published(languages.fallback_language())
        x_default = settings.SITE_URL + translate_url(canonical, fallback)
    links.append({"code": "x-default", "url": x_default})
    return links


@functools.cache
def _share_image(language: str) -> str:
    """The share image drawn in the page's language (`manage.py render_share_image`), or the
    default one for a language it was not drawn in."""
    name = f"img/share-{language}.png"
    return name if finders.find(name) else "img/share.png"


def site(request: HttpRequest) -> dict[str, Any]:
    """Language switcher (the same page in every published language, by URL, no cookie),
    the canonical and hreflang links, and the share image and OpenGraph locale."""
    canonical = _canonical_path(request)
    alternates = []
    for code in languages.published():
        # Only a page of ours is translated: on a 404 the path is the visitor's own text
        # (`//evil.example/x` would be a link to another site), so link the language's home.
        url = f"/{code}/" if canonical is None else translate_url(request.get_full_path(), code)
        alternates.append({"code": code, "name_local": languages.name(code), "url": url})
    language = get_language()
    return {
        "language_alternates": alternates,
        "language_name": languages.name(language),
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + canonical if canonical else "",
        "hreflang_links": _hreflang_links(canonical),
        "default_share_image_url": settings.SITE_URL + static(_share_image(language)),
        "og_locale": OG_LOCALES.get(language, to_locale(language)),
    }
