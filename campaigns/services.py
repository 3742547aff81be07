"""Writes for the campaign's content."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction

from campaigns import seed_content
from campaigns.models import AffectedGroup, Campaign, Reason
from core import languages
from core.loading import LoadReport, load_translated
from news.services import news_items_load
from testimonials.services import testimonials_load

TITLE_BODY = ("title", "body")


def _texts(item: Mapping[str, Any], fields: Sequence[str] = ()) -> dict[str, dict[str, Any]]:
    """The texts of a shipped item per site language: its language keys hold the field
    values, as a mapping, or as a tuple in the order of `fields`."""
    texts = {}
    for language, _name in settings.LANGUAGES:
        if language in item:
            values = item[language]
            texts[language] = (
                dict(values) if fields == () else dict(zip(fields, values, strict=True))
            )
    return texts


def _campaign_load(*, reset: bool) -> tuple[LoadReport, dict[str, int]]:
    """The campaign's own content: its texts, the reasons (found by `order`) and the
    affected groups (by `slug`). Also returns the groups' ids by slug."""
    report = LoadReport()
    [campaign] = load_translated(
        Campaign,
        [{"texts": _texts(seed_content.CAMPAIGN_TRANSLATIONS), **seed_content.CAMPAIGN}],
        # The shipped content is translated into every language: all are published (the
        # campaign can unpublish any in the admin; loading again leaves its choice alone).
        values=lambda item: {
            **{k: v for k, v in item.items() if k not in ("slug", "texts")},
            "published_languages": languages.configured(),
        },
        reset=reset,
        report=report,
    )
    load_translated(
        Reason,
        [{**item, "texts": _texts(item, TITLE_BODY)} for item in seed_content.REASONS],
        keys=lambda item: {"campaign": campaign, "order": item["order"]},
        values=lambda item: {},
        reset=reset,
        report=report,
    )
    groups = load_translated(
        AffectedGroup,
        [{**item, "texts": _texts(item, TITLE_BODY)} for item in seed_content.AFFECTED_GROUPS],
        values=lambda item: {"campaign": campaign, "order": item["order"]},
        reset=reset,
        report=report,
    )
    return report, {group.slug: group.pk for group in groups}


@transaction.atomic
def campaign_content_load(*, reset: bool = False) -> LoadReport:
    """Load the Stop Scanning Me content (campaigns/seed_content) through each app's loader.
    Idempotent: running it again changes nothing."""
    report, groups = _campaign_load(reset=reset)
    report += testimonials_load(
        items=[{**item, "texts": _texts(item)} for item in seed_content.TESTIMONIALS],
        groups=groups,
        reset=reset,
    )
    report += news_items_load(
        items=[
            {**item, "texts": _texts(item, ("title", "teaser"))} for item in seed_content.NEWS_ITEMS
        ],
        reset=reset,
    )
    return report
