"""Reads of news items, each with `.t` (its translation) attached."""

from django.http import Http404

from core.translation import attach_translations, pick_translation, with_translations
from news.models import NewsItem


def news_list(*, language: str, limit: int | None = None) -> list[NewsItem]:
    """Published items, newest first, that have text in `language` or the default language."""
    queryset = with_translations(NewsItem.objects.published(), language=language)
    items = attach_translations(queryset, language=language)
    return items[:limit] if limit is not None else items


def news_get(*, slug: str, language: str) -> NewsItem:
    """One published item with `.t`; Http404 when unknown or without any usable text."""
    queryset = with_translations(NewsItem.objects.published(), language=language)
    item = queryset.filter(slug=slug).first()
    if item is None:
        raise Http404
    item.t = pick_translation(item, language=language)  # type: ignore[attr-defined]
    if item.t is None:  # type: ignore[attr-defined]
        raise Http404
    return item
