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


def _put_translations(
    model: type[models.Model],
    *,
    parent: models.Model,
    texts: dict[str, dict[str, Any]],
    reset: bool,
    report: LoadReport,
) -> None:
    """One translation row of `parent` per language in `texts` (language -> field values)."""
    for language, values in texts.items():
        _put(
            model,
            keys={"parent": parent, "language": language},
            values=values,
            reset=reset,
            report=report,
        )


@transaction.atomic
def campaign_content_load(*, reset: bool = False) -> LoadReport:
    """Load the Stop Scanning Me content. Idempotent: running it again changes nothing."""
    report = LoadReport()
    data = dict(seed_content.CAMPAIGN)
    slug = data.pop("slug")
    campaign = _put(Campaign, keys={"slug": slug}, values=data, reset=reset, report=report)
    _put_translations(
        CampaignTranslation,
        parent=campaign,
        texts=seed_content.CAMPAIGN_TRANSLATIONS,
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
        _put_translations(
            ReasonTranslation,
            parent=reason,
            texts={lang: {"title": item[lang][0], "body": item[lang][1]} for lang in ("nl", "en")},
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
        _put_translations(
            AffectedGroupTranslation,
            parent=group,
            texts={lang: {"title": item[lang][0], "body": item[lang][1]} for lang in ("nl", "en")},
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
        _put_translations(
            TestimonialTranslation,
            parent=testimonial,
            texts={lang: item[lang] for lang in ("nl", "en")},
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
        _put_translations(
            NewsItemTranslation,
            parent=news_item,
            texts={
                lang: {"title": item[lang][0], "teaser": item[lang][1]} for lang in ("nl", "en")
            },
            reset=reset,
            report=report,
        )
    return report
