"""Translated content: a language-neutral row plus one translation row per language.

The fallback rule lives here and nowhere else: a visitor reading in language L sees the
translation in L, else the first one along L's fallback chain (core.languages: configured per
language, then English, then the source language the campaign writes in), else none. A
fallback translation keeps its own language so templates can mark it with `lang`.

Every translation row says whether a person reviewed it (`reviewed`: rows written by the
team or a machine start unreviewed; the source language's rows are the originals), and keeps
a hash of the source text each of its fields was translated from (`source_hashes`): when the
source changes afterwards, the field is "outdated".
"""

import hashlib
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from core import languages

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")


def default_language() -> str:
    """The source language: the campaign writes its texts in it, the others translate them."""
    return languages.source_language()


def fallback_chain(language: str) -> list[str]:
    return languages.fallback_chain(language)


def source_hash(text: str) -> str:
    """A short fingerprint of a source text, kept with each field translated from it."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class Translation(models.Model):
    """Base of every translation row; a concrete one adds `parent = translation_of(Model)`
    and `constraints = [one_per_language("unique_<name>_language")]` to its Meta."""

    # A code from settings.LANGUAGES, checked in code: no `choices`, so adding a language
    # needs no migration.
    language = models.CharField(
        _("language"), max_length=8, validators=[languages.validate_language]
    )
    reviewed = models.BooleanField(
        _("reviewed"),
        default=False,
        help_text=_("A native speaker has checked this translation."),
    )
    # Field name -> source_hash() of the source-language text it was translated from.
    source_hashes = models.JSONField(
        _("source fingerprints"), default=dict, blank=True, editable=False
    )
    # The language the reader asked for, set when the fallback rule picked this row.
    _requested_language: str | None = None

    class Meta:
        abstract = True

    @property
    def is_fallback(self) -> bool:
        return (self._requested_language or self.language) != self.language

    @classmethod
    def text_fields(cls) -> list[str]:
        """The fields a translator translates: every text field but the language."""
        return [
            field.name
            for field in cls._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField) and field.name != "language"
        ]

    def stamp_sources(self, source: "Translation | None", fields: Iterable[str] = ()) -> None:
        """Record that `fields` (all text fields by default) now translate `source`'s text."""
        if source is None or source.language == self.language:
            return
        for field in fields or self.text_fields():
            self.source_hashes[field] = source_hash(getattr(source, field))

    def outdated_fields(self, source: "Translation | None") -> list[str]:
        """The fields whose source text changed since they were translated."""
        if source is None or source.language == self.language:
            return []
        return [
            field
            for field in self.text_fields()
            if field in self.source_hashes
            and getattr(self, field)
            and self.source_hashes[field] != source_hash(getattr(source, field))
        ]


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
    return pick_translation_from(obj.translations.all(), language=language)


def pick_translation_from(translations: Iterable[Any], *, language: str) -> Any:
    """Of one object's `translations`, the one to show in `language`, or None."""
    by_language = {t.language: t for t in translations}
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


def backfill_review_state(*models_to_fill: type[models.Model]) -> None:
    """For a migration: the source language's rows are marked reviewed (they are the
    originals), and every other row records the source text it now translates, so the
    texts that exist are not reported outdated."""
    source = default_language()
    for model in models_to_fill:
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField) and field.name != "language"
        ]
        manager = model._default_manager
        manager.filter(language=source).update(reviewed=True)
        originals = {row.parent_id: row for row in manager.filter(language=source)}  # type: ignore[attr-defined]
        for row in manager.exclude(language=source):
            original = originals.get(row.parent_id)  # type: ignore[attr-defined]
            if original is not None:
                row.source_hashes = {  # type: ignore[attr-defined]
                    name: source_hash(getattr(original, name)) for name in fields
                }
                row.save(update_fields=["source_hashes"])
