"""The languages of the site: which it can serve, which the campaign publishes, and where a
missing text is looked for next.

- Configured: settings.LANGUAGES, declared once, each language named in itself. Model fields
  hold a language code without `choices` and are validated here, so adding a language to
  the list never needs a migration.
- Published: the campaign chooses in the admin which configured languages readers get
  (the switcher, hreflang, the sitemap and `/` offer only those). The campaigns app provides
  the list (`register_published`); this module knows no campaign.
- Fallback: each language has a chain (settings.LANGUAGE_FALLBACKS), ending with
  settings.LANGUAGE_CODE (English) and finally the source language the texts are written
  in (settings.LANGUAGE_SOURCE).
"""

from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header

_published_provider: Callable[[], Sequence[str]] | None = None


def configured() -> list[str]:
    """Every language the site can serve, in the settings' order."""
    return [code for code, _name in settings.LANGUAGES]


def is_configured(code: str) -> bool:
    return code in dict(settings.LANGUAGES)


def name(code: str) -> str:
    """The language's name in itself ("Deutsch"), as the switcher shows it."""
    return str(dict(settings.LANGUAGES).get(code, code))


def source_language() -> str:
    """The language the campaign's texts are written in; the others translate it."""
    return str(settings.LANGUAGE_SOURCE)


def fallback_language() -> str:
    return str(settings.LANGUAGE_CODE)


def fallback_chain(code: str) -> list[str]:
    """`code` first, then where a text missing in it is looked for next, in order."""
    chain = [code, *settings.LANGUAGE_FALLBACKS.get(code, []), fallback_language()]
    chain.append(source_language())
    return list(dict.fromkeys(chain))


def validate_language(value: str) -> None:
    """A model field validator: `value` is a configured language."""
    if not is_configured(value):
        raise ValidationError(
            _("“%(value)s” is not one of the site's languages."),
            code="unknown_language",
            params={"value": value},
        )


def validate_language_list(value: object) -> None:
    """A list of configured languages, each once, at least one."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Give a list of language codes."), code="invalid")
    if not value:
        raise ValidationError(_("Publish at least one language."), code="empty")
    for code in value:
        validate_language(code)
    if len(set(value)) != len(value):
        raise ValidationError(_("Each language may be listed only once."), code="duplicate")


def register_published(provider: Callable[[], Sequence[str]]) -> None:
    """Called once by the app that stores which languages the campaign publishes."""
    global _published_provider
    _published_provider = provider


def published() -> list[str]:
    """The languages readers get, in the settings' order. Without a campaign (or before one
    chose), the source language and the fallback language."""
    try:
        chosen: Iterable[str] = _published_provider() if _published_provider is not None else ()
    except DatabaseError:
        # The database failing must not take the cached pages down with it: while it does,
        # every configured language is served (from the page cache, or a 503 for forms).
        return list(configured())
    chosen = set(chosen)
    if not chosen:
        chosen = {source_language(), fallback_language()}
    return [code for code in configured() if code in chosen]


def is_published(code: str) -> bool:
    return code in published()


def best_published(code: str) -> str:
    """The published language to show someone who asked for `code`: the first published one
    on its fallback chain, else the first published language."""
    languages = published()
    for candidate in fallback_chain(code):
        if candidate in languages:
            return candidate
    return languages[0]


def negotiate(accept_language: str) -> str:
    """The published language an Accept-Language header prefers (`de-AT` matches `de`), else
    the fallback language if published, else the first published language."""
    languages = published()
    for tag, _quality in parse_accept_lang_header(accept_language[:1000]):
        tag = tag.lower()
        for candidate in (tag, tag.split("-")[0]):
            if candidate in languages:
                return candidate
    return best_published(fallback_language())
