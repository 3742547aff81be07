"""Writes for the campaign's content."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from campaigns import seed_content
from campaigns.models import (
    AffectedGroup,
    AffectedGroupTranslation,
    Campaign,
    CampaignTranslation,
    Reason,
    ReasonTranslation,
)
from news.models import NewsItem, NewsItemTranslation
from testimonials.models import Testimonial, TestimonialTranslation


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0


def _put(
    model: type[models.Model],
    *,
    keys: dict[str, Any],
    values: dict[str, Any],
    reset: bool,
    report: LoadReport,
) -> Any:
    """Create the row if missing. Existing rows keep the campaigners' edits unless `reset`,
    which writes the shipped content back (only where it differs, so a second run is a no-op)."""
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


@transaction.atomic
def campaign_content_load(*, reset: bool = False) -> LoadReport:
    """Load the Stop Scanning Me content. Idempotent: running it again changes nothing."""
    report = LoadReport()
    data = dict(seed_content.CAMPAIGN)
    slug = data.pop("slug")
    campaign = _put(Campaign, keys={"slug": slug}, values=data, reset=reset, report=report)
    for language, texts in seed_content.CAMPAIGN_TRANSLATIONS.items():
        _put(
            CampaignTranslation,
            keys={"parent": campaign, "language": language},
            values=texts,
            reset=reset,
            report=report,
        )

    for item in seed_content.REASONS:
        reason = _put(
            Reason,
            keys={"campaign": campaign, "order": item["order"]},
            values={},
            reset=reset,
            report=report,
        )
        for language in ("nl", "en"):
            title, body = item[language]
            _put(
                ReasonTranslation,
                keys={"parent": reason, "language": language},
                values={"title": title, "body": body},
                reset=reset,
                report=report,
            )

    groups = {}
    for item in seed_content.AFFECTED_GROUPS:
        group = _put(
            AffectedGroup,
            keys={"slug": item["slug"]},
            values={"campaign": campaign, "order": item["order"]},
            reset=reset,
            report=report,
        )
        groups[item["slug"]] = group
        for language in ("nl", "en"):
            title, body = item[language]
            _put(
                AffectedGroupTranslation,
                keys={"parent": group, "language": language},
                values={"title": title, "body": body},
                reset=reset,
                report=report,
            )

    for item in seed_content.TESTIMONIALS:
        testimonial = _put(
            Testimonial,
            keys={"slug": item["slug"]},
            values={
                "name": item["name"],
                "country": item["country"],
                "link": item["link"],
                "group": groups.get(item["group"]),
                "order": item["order"],
            },
            reset=reset,
            report=report,
        )
        for language in ("nl", "en"):
            _put(
                TestimonialTranslation,
                keys={"parent": testimonial, "language": language},
                values=item[language],
                reset=reset,
                report=report,
            )

    for item in seed_content.NEWS_ITEMS:
        news_item = _put(
            NewsItem,
            keys={"slug": item["slug"]},
            values={
                "date": datetime.date.fromisoformat(item["date"]),
                "external_url": item["external_url"],
            },
            reset=reset,
            report=report,
        )
        for language in ("nl", "en"):
            title, teaser = item[language]
            _put(
                NewsItemTranslation,
                keys={"parent": news_item, "language": language},
                values={"title": title, "teaser": teaser},
                reset=reset,
                report=report,
            )
    return report
