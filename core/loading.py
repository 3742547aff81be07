"""Loading shipped content (the campaign's texts, news, testimonials) into the database.

Each content app has its own loader built on these functions; `campaigns`' loader runs them
all (`manage.py load_campaign`). A loader creates what is missing and leaves the
campaigners' edits alone, unless `reset`, which writes the shipped content back, and only
where it differs, so running it twice changes nothing the second time.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models

from core.languages import source_language
from core.translation import source_hash


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0

    def __add__(self, other: "LoadReport") -> "LoadReport":
        return LoadReport(self.created + other.created, self.updated + other.updated)


def put(
    model: type[models.Model],
    *,
    keys: Mapping[str, Any],
    values: Mapping[str, Any],
    reset: bool,
    report: LoadReport,
) -> Any:
    """The row of `model` with `keys`, created with `values` if missing; an existing row gets
    `values` written back only when `reset`."""
    obj = model._default_manager.filter(**keys).first()
    if obj is None:
        report.created += 1
        return model._default_manager.create(**keys, **values)
    if reset:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save()
            report.updated += 1
    return obj


def load_translated(
    model: type[models.Model],
    items: Iterable[Mapping[str, Any]],
    *,
    values: Callable[[Mapping[str, Any]], Mapping[str, Any]],
    keys: Callable[[Mapping[str, Any]], Mapping[str, Any]] = lambda item: {"slug": item["slug"]},
    reset: bool,
    report: LoadReport,
) -> list[Any]:
    """`put` a row of `model` for each item, found by `keys(item)` (by default its slug), with
    `values(item)`, and one translation row per language in the item's "texts" (language ->
    field values). Rows in the source language are the reviewed originals; the others start
    unreviewed and record the source text each field translates. Returns the rows, in the
    items' order."""
    translation_model = model._meta.get_field("translations").related_model
    assert isinstance(translation_model, type) and issubclass(translation_model, models.Model)
    rows = []
    for item in items:
        row = put(model, keys=keys(item), values=values(item), reset=reset, report=report)
        source = item["texts"].get(source_language(), {})
        for language, fields in item["texts"].items():
            keys_of_text = {"parent": row, "language": language}
            row_values = {**fields, "reviewed": language == source_language()}
            if language != source_language():
                row_values["source_hashes"] = {
                    name: source_hash(source.get(name, ""))
                    for name, text in fields.items()
                    if isinstance(text, str)
                }
            put(translation_model, keys=keys_of_text, values=row_values, reset=reset, report=report)
        rows.append(row)
    return rows
