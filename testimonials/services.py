"""Writes for the testimonials."""

from collections.abc import Iterable, Mapping
from typing import Any

from core.loading import LoadReport, put, put_translations
from testimonials.models import Testimonial, TestimonialTranslation


def testimonials_load(
    *, items: Iterable[Mapping[str, Any]], groups: Mapping[str, int], reset: bool = False
) -> LoadReport:
    """Load shipped testimonials, found by `slug`: `name`, `country`, `link`, `order`,
    `group` (the slug of an affected group, looked up in `groups`: slug -> id, or None) and
    `texts` (language -> fields). See core.loading for what `reset` does."""
    report = LoadReport()
    for item in items:
        testimonial = put(
            Testimonial,
            keys={"slug": item["slug"]},
            values={
                "name": item["name"],
                "country": item["country"],
                "link": item["link"],
                "group_id": groups.get(item["group"]) if item["group"] else None,
                "order": item["order"],
            },
            reset=reset,
            report=report,
        )
        put_translations(
            TestimonialTranslation,
            parent=testimonial,
            texts=item["texts"],
            reset=reset,
            report=report,
        )
    return report
