"""Posting admin add/change forms with translation inlines, as a campaigner's browser does."""

from typing import Any


def inline_data(rows: list[dict[str, Any]], *, prefix: str = "translations") -> dict[str, Any]:
    """The inline formset's management form plus one form per translation row."""
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "1",
        f"{prefix}-MAX_NUM_FORMS": "2",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def change_data(obj: Any, rows: list[dict[str, Any]], fields: dict[str, Any]) -> dict[str, Any]:
    """Data for the change form of `obj`: its existing translations (with their ids) updated
    by `rows` (matched by language), and `fields` for the object itself."""
    existing = list(obj.translations.order_by("id"))
    data = inline_data([], prefix="translations")
    data["translations-INITIAL_FORMS"] = str(len(existing))
    data["translations-TOTAL_FORMS"] = str(len(existing))
    for index, translation in enumerate(existing):
        row = next((r for r in rows if r["language"] == translation.language), {})
        data[f"translations-{index}-id"] = str(translation.pk)
        data[f"translations-{index}-parent"] = str(obj.pk)
        for field in translation._meta.concrete_fields:
            if field.name in ("id", "parent"):
                continue
            value = row.get(field.name, getattr(translation, field.name))
            data[f"translations-{index}-{field.name}"] = value
    data.update(fields)
    return data
