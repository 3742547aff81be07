"""Translated content: a language-neutral row plus one translation row per language.

The fallback rule lives here and nowhere else: a visitor reading in language L sees the
translation in L, else the one in the campaign's default language (settings.LANGUAGE_CODE),
else none. A fallback translation keeps its own language so templates can mark it with `lang`.
"""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

M = TypeVar("M", bound=models.Model)


def default_language() -> str:
    return str(settings.LANGUAGE_CODE)


def fallback_chain(language: str) -> list[str]:
    default = default_language()
    return [language] if language == default else [language, default]


class Translation(models.Model):
    """Base of every translation row; concrete ones add a `parent` foreign key named with
    related_name="translations" and a unique constraint on (parent, language)."""

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        abstract = True

    @property
    def is_fallback(self) -> bool:
        return getattr(self, "_requested_language", self.language) != self.language


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


def pick_translation(obj: Any, *, language: str) -> Translation | None:
    """The translation of `obj` to show in `language`, following the fallback chain."""
    by_language = {t.language: t for t in obj.translations.all()}
    for candidate in fallback_chain(language):
        found = by_language.get(candidate)
        if found is not None:
            found._requested_language = language
            return found
    return None


def attach_translations(objects: Iterable[M], *, language: str) -> list[M]:
    """Set `obj.t` on each object; objects with no usable translation are left out."""
    result = []
    for obj in objects:
        obj.t = pick_translation(obj, language=language)  # type: ignore[attr-defined]
        if obj.t is not None:  # type: ignore[attr-defined]
            result.append(obj)
    return result
