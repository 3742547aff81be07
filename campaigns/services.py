"""Writes for the campaign's content."""

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext

from campaigns import seed_content
from campaigns.models import AffectedGroup, Campaign, Reason
from core import languages
from core.loading import LoadReport, load_translated
from news.models import NewsItem, NewsItemTranslation
from news.services import news_items_load
from testimonials.services import testimonials_load

TITLE_BODY = ("title", "body")


def _texts(
    item: Mapping[str, Any],
    key: str,
    files: Mapping[str, Mapping[str, str]],
    fields: Sequence[str] = (),
) -> dict[str, dict[str, Any]]:
    """The texts of a shipped item per language. The item's own language keys hold the
    source and English texts, as a mapping or as a tuple in the order of `fields`; the other
    languages come from the translation files, under `<key>.<field>`. A file that lacks one
    of the item's texts gives the item nothing in that language: readers get the whole item
    from the fallback language rather than a mix."""
    texts = {}
    for language in languages.configured():
        if language in item:
            values = item[language]
            texts[language] = (
                dict(values) if fields == () else dict(zip(fields, values, strict=True))
            )
    source = texts.get(languages.source_language(), {})
    for language, file in files.items():
        if language in texts or not languages.is_configured(language):
            continue
        translated = {
            name: file.get(f"{key}.{name}") if isinstance(value, str) and value else value
            for name, value in source.items()
        }
        if all(value is not None for value in translated.values()):
            texts[language] = translated
    return texts


def _campaign_load(
    *, reset: bool, files: Mapping[str, Mapping[str, str]]
) -> tuple[LoadReport, dict[str, int]]:
    """The campaign's own content: its texts, the reasons (found by `order`) and the
    affected groups (by `slug`). Also returns the groups' ids by slug."""
    report = LoadReport()
    [campaign] = load_translated(
        Campaign,
        [
            {
                "texts": _texts(seed_content.CAMPAIGN_TRANSLATIONS, "campaign", files),
                **seed_content.CAMPAIGN,
            }
        ],
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
        [
            {**item, "texts": _texts(item, f"reason.{item['order']}", files, TITLE_BODY)}
            for item in seed_content.REASONS
        ],
        keys=lambda item: {"campaign": campaign, "order": item["order"]},
        values=lambda item: {},
        reset=reset,
        report=report,
    )
    groups = load_translated(
        AffectedGroup,
        [
            {**item, "texts": _texts(item, f"group.{item['slug']}", files, TITLE_BODY)}
            for item in seed_content.AFFECTED_GROUPS
        ],
        values=lambda item: {"campaign": campaign, "order": item["order"]},
        reset=reset,
        report=report,
    )
    return report, {group.slug: group.pk for group in groups}


@transaction.atomic
def campaign_content_load(
    *, reset: bool = False, translations_dir: Path = seed_content.TRANSLATIONS_DIR
) -> LoadReport:
    """Load the Stop Scanning Me content (campaigns/seed_content) through each app's loader,
    with the shipped translation files in `translations_dir`. Idempotent: running it again
    changes nothing."""
    files = seed_content.shipped_translations(translations_dir)
    report, groups = _campaign_load(reset=reset, files=files)
    report += testimonials_load(
        items=[
            {**item, "texts": _texts(item, f"testimonial.{item['slug']}", files)}
            for item in seed_content.TESTIMONIALS
        ],
        groups=groups,
        reset=reset,
    )
    report += news_items_load(
        items=[
            {**item, "texts": _texts(item, f"news.{item['slug']}", files, ("title", "teaser"))}
            for item in seed_content.NEWS_ITEMS
        ],
        reset=reset,
    )
    return report


CAMPAIGNER_GROUP = "Campaigner"
# What a campaign team works with: content and its translations (campaigns, news,
# testimonials), updates and subscriber numbers (newsletter), coalition review, signatures'
# numbers, invalidation and exports (petitions), the dashboard, the delivery pack and the
# signer export (handover). Never the technical apps: outbox, tasks, accounts, groups,
# permissions; of the outbox only the campaign's own mail texts.
CAMPAIGNER_APPS = (
    "campaigns",
    "news",
    "testimonials",
    "coalition",
    "newsletter",
    "petitions",
    "handover",
    "dashboard",
)
CAMPAIGNER_MODELS = (("outbox", "mailtext"),)


def campaigner_group_ensure() -> Group:
    """The "Campaigner" group with every permission of the campaign's own apps, created or
    brought up to date (new models, new permissions); safe to run any number of times."""
    group, _created = Group.objects.get_or_create(name=CAMPAIGNER_GROUP)
    models_allowed = Q()
    for app_label, model in CAMPAIGNER_MODELS:
        models_allowed |= Q(content_type__app_label=app_label, content_type__model=model)
    group.permissions.set(
        Permission.objects.filter(Q(content_type__app_label__in=CAMPAIGNER_APPS) | models_allowed)
    )
    return group


def campaigner_create(*, username: str, email: str, password: str) -> AbstractUser:
    """A staff account in the Campaigner group (not a superuser). Raises ValueError if the
    username is taken."""
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ValueError(username)
    user = user_model.objects.create_user(
        username=username, email=email, password=password, is_staff=True
    )
    user.groups.add(campaigner_group_ensure())
    return user


def campaign_delivery_news_ensure(*, campaign: Campaign) -> NewsItem | None:
    """Once the campaign is delivered, a news item says so in each language it publishes
    (the shipped wording, translated, with the date and the recipient of that language), and
    the campaign links to it. Only once: a campaigner edits the item afterwards like any
    other. Returns the item created now, or None."""
    if campaign.state != Campaign.State.DELIVERED or campaign.delivery_news_id is not None:
        return None
    with transaction.atomic():
        if campaign.delivered_on is None:
            campaign.delivered_on = timezone.localdate()
        recipients = dict(campaign.translations.values_list("language", "delivered_to"))
        slug = base = slugify(f"petition-delivered-{campaign.delivered_on.isoformat()}")
        number = 1
        while NewsItem.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        item = NewsItem.objects.create(date=campaign.delivered_on, slug=slug, published=True)
        for language in dict.fromkeys([*campaign.published_languages, languages.source_language()]):
            with translation.override(language):
                date = date_format(campaign.delivered_on, "DATE_FORMAT")
                to = recipients.get(language) or recipients.get(languages.source_language())
                teaser = (
                    gettext("Signing has ended. On %(date)s we handed the petition to %(to)s.")
                    % {"date": date, "to": to}
                    if to
                    else gettext("Signing has ended, and we have handed the petition over.")
                )
                NewsItemTranslation.objects.create(
                    parent=item,
                    language=language,
                    title=gettext("We have handed over the petition"),
                    teaser=teaser,
                    body=gettext(
                        "Thank you to everyone who signed, shared and supported the campaign."
                    ),
                )
        campaign.delivery_news = item
        campaign.save(update_fields=["delivered_on", "delivery_news", "updated_at"])
    return item
