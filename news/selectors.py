"""Reads of news items, each with its translation for the reader."""

from core.translation import Translated, translated, with_translations
from news.models import NewsItem, NewsItemTranslation

ShownNewsItem = Translated[NewsItem, NewsItemTranslation]


def news_list(*, language: str, limit: int | None = None) -> list[ShownNewsItem]:
    """Published items, newest first, that have text in `language` or the default language."""
    queryset = with_translations(NewsItem.objects.published(), language=language)
    items = translated(queryset, language=language)
    return items[:limit] if limit is not None else items


def news_get(*, slug: str, language: str) -> ShownNewsItem | None:
    """One published item, or None when it is unknown or has no usable text."""
    queryset = with_translations(NewsItem.objects.published().filter(slug=slug), language=language)
    return next(iter(translated(queryset, language=language)), None)
