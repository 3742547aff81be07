"""Writes for the testimonials."""

from collections.abc import Iterable, Mapping
from typing import Any

from core.loading import LoadReport, load_translated
from testimonials.models import Testimonial

_FIELDS = ("name", "country", "link", "order")


def testimonials_load(
    *, items: Iterable[Mapping[str, Any]], groups: Mapping[str, int], reset: bool = False
) -> LoadReport:
    """Load shipped testimonials, found by `slug`: `name`, `country`, `link`, `order`,
    `group` (the slug of an affected group, looked up in `groups`: slug -> id, or none) and
    `texts` (language -> fields). See core.loading for what `reset` does."""
    report = LoadReport()
    load_translated(
        Testimonial,
        items,
        values=lambda item: {
            **{name: item[name] for name in _FIELDS},
            "group_id": groups.get(item["group"]) if item["group"] else None,
        },
        reset=reset,
        report=report,
    )
    return report
