"""Every translatable text of the campaign's content, by a stable key, with its translations.

The keys are those of the shipped translation files and of the translators' PO files:
`campaign.<field>`, `reason.<order>.<field>`, `group.<slug>.<field>`, `news.<slug>.<field>`,
`testimonial.<slug>.<field>`. A text exists where the source language (settings.LANGUAGE_SOURCE)
has one; the translation status, the export and the import all read this one list.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from campaigns.models import AffectedGroup, Campaign, Reason
from core import languages
from core.translation import Translation
from news.models import NewsItem
from testimonials.models import Testimonial


@dataclass(frozen=True)
class Text:
    key: str
    parent: models.Model
    field: str
    rows: dict[str, Translation]  # language -> translation row of the parent

    @property
    def translation_model(self) -> type[Translation]:
        model = self.parent._meta.get_field("translations").related_model
        assert isinstance(model, type) and issubclass(model, Translation)
        return model

    @property
    def source_row(self) -> Translation:
        return self.rows[languages.source_language()]

    @property
    def source(self) -> str:
        return str(getattr(self.source_row, self.field))

    def text(self, language: str) -> str:
        row = self.rows.get(language)
        return str(getattr(row, self.field)) if row is not None else ""

    def max_length(self) -> int | None:
        field = self.translation_model._meta.get_field(self.field)
        return getattr(field, "max_length", None)

    def is_reviewed(self, language: str) -> bool:
        row = self.rows.get(language)
        return bool(row is not None and row.reviewed and self.text(language))

    def is_outdated(self, language: str) -> bool:
        row = self.rows.get(language)
        return row is not None and self.field in row.outdated_fields(self.source_row)


# Each kind of content: its key prefix from a row, and the rows (all of them: a campaigner
# may publish an item later, and its translation should be ready).
KINDS: list[tuple[Callable[[Any], str], Callable[[], Iterable[models.Model]]]] = [
    (lambda obj: "campaign", lambda: Campaign.objects.order_by("pk")[:1]),
    (lambda obj: f"reason.{obj.order}", lambda: Reason.objects.order_by("order", "pk")),
    (lambda obj: f"group.{obj.slug}", lambda: AffectedGroup.objects.order_by("order", "pk")),
    (lambda obj: f"news.{obj.slug}", lambda: NewsItem.objects.order_by("-date", "pk")),
    (lambda obj: f"testimonial.{obj.slug}", lambda: Testimonial.objects.order_by("order", "pk")),
]


def content_texts() -> list[Text]:
    """Every text the source language has, in page order, with all its translations."""
    texts = []
    source = languages.source_language()
    for prefix, objects in KINDS:
        queryset = objects()
        for obj in queryset.prefetch_related("translations"):  # type: ignore[attr-defined]
            rows = {row.language: row for row in obj.translations.all()}
            original = rows.get(source)
            if original is None:
                continue
            for field in original.text_fields():
                if getattr(original, field):
                    texts.append(Text(f"{prefix(obj)}.{field}", obj, field, rows))
    return texts


@dataclass(frozen=True)
class LanguageStatus:
    code: str
    name: str
    published: bool
    texts: int
    translated: int
    reviewed: int
    outdated: list[Text]
    ui_strings: int | None  # None: the language has no .po file
    ui_translated: int

    @property
    def translated_percent(self) -> int:
        return _percent(self.translated, self.texts)

    @property
    def reviewed_percent(self) -> int:
        return _percent(self.reviewed, self.texts)

    @property
    def ui_percent(self) -> int:
        return _percent(self.ui_translated, self.ui_strings or 0)


def _percent(part: int, whole: int) -> int:
    # Rounded down: 99.6 % is not "100 %" while a text is missing.
    return 100 * part // whole if whole else 0


def translation_status() -> list[LanguageStatus]:
    """Per configured language: how much of the content is translated, reviewed and
    outdated, and how much of the interface (its .po file)."""
    from core.catalogues import catalogue_counts

    texts = content_texts()
    published = set(languages.published())
    result = []
    for code in languages.configured():
        ui = catalogue_counts(code)
        result.append(
            LanguageStatus(
                code=code,
                name=languages.name(code),
                published=code in published,
                texts=len(texts),
                translated=sum(1 for text in texts if text.text(code)),
                reviewed=sum(1 for text in texts if text.is_reviewed(code)),
                outdated=[text for text in texts if text.is_outdated(code)],
                ui_strings=ui[0] if ui else None,
                ui_translated=ui[1] if ui else 0,
            )
        )
    return result
