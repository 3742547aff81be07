"""Writes for the news."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from core.loading import LoadReport, put, put_translations
from news.models import NewsItem, NewsItemTranslation


def news_items_load(*, items: Iterable[Mapping[str, Any]], reset: bool = False) -> LoadReport:
    """Load shipped news items, found by `slug`: `date` (ISO), `external_url` and `texts`
    (language -> title and teaser). See core.loading for what `reset` does."""
    report = LoadReport()
    for item in items:
        news_item = put(
            NewsItem,
            keys={"slug": item["slug"]},
            values={
                "date": datetime.date.fromisoformat(item["date"]),
                "external_url": item["external_url"],
            },
            reset=reset,
            report=report,
        )
        put_translations(
            NewsItemTranslation, parent=news_item, texts=item["texts"], reset=reset, report=report
        )
    return report
