"""Translated content: a language-neutral row plus one translation row per language.

The fallback rule lives here and nowhere else: a visitor reading in language L sees the
translation in L, else the one in the campaign's default language (settings.LANGUAGE_CODE),
else none. A fallback translation keeps its own language so templates can mark it with `lang`.
"""

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")


def default_language() -> str:
    return str(settings.LANGUAGE_CODE)


def fallback_chain(language: str) -> list[str]:
    default = default_language()
    return [language] if language == default else [language, default]


class Translation(models.Model):
    """Base of every translation row; a concrete one adds `parent = translation_of(Model)`
    and `constraints = [one_per_language("unique_<name>_language")]` to its Meta."""

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # The language the reader asked for, set when the fallback rule picked this row.
    _requested_language: str | None = None

    class Meta:
        abstract = True

    @property
    def is_fallback(self) -> bool:
        return (self._requested_language or self.language) != self.language


def translation_of(model: type[models.Model]) -> "models.ForeignKey[Any, Any]":
    """The `parent` of a translation row: the object it translates."""
    return models.ForeignKey(model, on_delete=models.CASCADE, related_name="translations")


def one_per_language(name: str) -> models.UniqueConstraint:
    """An object has one translation row per language."""
    return models.UniqueConstraint(fields=["parent", "language"], name=name)


class Translated(Generic[M, T]):
    """An object as a reader sees it: `obj`, and `t`, the translation the fallback rule picked
    for the reader's language. Python code reads the object's fields through `obj` (typed);
    templates may read them on the wrapper itself (`item.slug`, `item.t.title`)."""

    __slots__ = ("obj", "t")

    def __init__(self, obj: M, t: T) -> None:
        self.obj = obj
        self.t = t

    def __getattr__(self, name: str) -> Any:
        # Only reached for names the wrapper lacks; private names are never delegated (copy
        # and pickle look for them before __init__ has run).
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.obj, name)

    def __repr__(self) -> str:
        return f"Translated({self.obj!r}, {self.t!r})"


def with_translations(queryset: QuerySet[M], *, language: str) -> QuerySet[M]:
    """Prefetch only the translations the fallback chain can use."""
    model = queryset.model
    translation_model = model._meta.get_field("translations").related_model
    assert isinstance(translation_model, type) and issubclass(translation_model, models.Model)
    return queryset.prefetch_related(
        Prefetch(
            "translations",
            queryset=translation_model._default_manager.filter(
                language__in=fallback_chain(language)
            ),
        )
    )


def pick_translation(obj: Any, *, language: str) -> Any:
    """The translation of `obj` to show in `language`, following the fallback chain, or None."""
    by_language = {t.language: t for t in obj.translations.all()}
    for candidate in fallback_chain(language):
        found = by_language.get(candidate)
        if found is not None:
            found._requested_language = language
            return found
    return None


def translated(objects: Iterable[M], *, language: str) -> list[Translated[M, Any]]:
    """Each object with its translation for `language`; objects with none usable are left
    out (a reader never sees an item without text)."""
    result = []
    for obj in objects:
        translation = pick_translation(obj, language=language)
        if translation is not None:
            result.append(Translated(obj, translation))
    return result
