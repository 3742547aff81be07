"""Writes for the campaign's content."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction

from campaigns import seed_content
from campaigns.models import (
    AffectedGroup,
    AffectedGroupTranslation,
    Campaign,
    CampaignTranslation,
    Reason,
    ReasonTranslation,
)
from core.loading import LoadReport, put, put_translations
from news.services import news_items_load
from testimonials.services import testimonials_load


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
    data = dict(seed_content.CAMPAIGN)
    slug = data.pop("slug")
    campaign = put(Campaign, keys={"slug": slug}, values=data, reset=reset, report=report)
    put_translations(
        CampaignTranslation,
        parent=campaign,
        texts=_texts(seed_content.CAMPAIGN_TRANSLATIONS),
        reset=reset,
        report=report,
    )
    for item in seed_content.REASONS:
        reason = put(
            Reason,
            keys={"campaign": campaign, "order": item["order"]},
            values={},
            reset=reset,
            report=report,
        )
        put_translations(
            ReasonTranslation,
            parent=reason,
            texts=_texts(item, ("title", "body")),
            reset=reset,
            report=report,
        )
    groups = {}
    for item in seed_content.AFFECTED_GROUPS:
        group = put(
            AffectedGroup,
            keys={"slug": item["slug"]},
            values={"campaign": campaign, "order": item["order"]},
            reset=reset,
            report=report,
        )
        groups[group.slug] = group.pk
        put_translations(
            AffectedGroupTranslation,
            parent=group,
            texts=_texts(item, ("title", "body")),
            reset=reset,
            report=report,
        )
    return report, groups


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
