"""Reads of the campaign's content, each object with its translation for the reader."""

from dataclasses import dataclass

from django.db import DatabaseError
from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext

from campaigns.models import (
    AffectedGroup,
    AffectedGroupTranslation,
    Campaign,
    CampaignTranslation,
    Reason,
    ReasonTranslation,
)
from coalition.selectors import ngo_count, partner_sites
from core.caching import content_version
from core.security import frame_origin_lines, origin_of
from core.translation import (
    Translated,
    fallback_chain,
    pick_translation_from,
    translated,
    with_translations,
)
from testimonials.models import Testimonial, TestimonialTranslation

CurrentCampaign = Translated[Campaign, CampaignTranslation | None]

# The campaign already read by this process, by content version, and with its texts by
# (language, content version). The content version is shared by every process and changes
# with any content edit, so an entry is never stale; every page shows the campaign (and its
# published languages), and a signature costs a quarter more without this.
_row: dict[int, Campaign | None] = {}
_current: dict[tuple[str, int], CurrentCampaign | None] = {}


def _campaign_row(version: int) -> Campaign | None:
    if version not in _row:
        campaign = Campaign.objects.order_by("pk").first()
        _row.clear()
        _row[version] = campaign
        return campaign
    return _row.get(version)


def campaign_current(*, language: str) -> CurrentCampaign | None:
    """The campaign the site shows (the first row) with its texts in `language` or the next
    language of its fallback chain (`t` is None when it has none); None before any campaign
    exists."""
    version = content_version()
    key = (language, version)
    if key not in _current:
        campaign = _campaign_row(version)
        current = None
        if campaign is not None:
            texts = CampaignTranslation.objects.filter(
                parent=campaign, language__in=fallback_chain(language)
            )
            current = Translated(campaign, pick_translation_from(texts, language=language))
        if len(_current) > 64:
            _current.clear()
        _current[key] = current
    return _current[key]


def campaign_published_languages() -> list[str]:
    """The languages the campaign publishes (empty before any campaign exists). While the
    database fails, the ones this process read last: every request asks this first, and the
    page cache can still serve a reader (core.middleware.DatabaseUnavailableMiddleware)."""
    try:
        campaign = _campaign_row(content_version())
    except DatabaseError:
        campaign = next(iter(_row.values()), None)
    return list(campaign.published_languages) if campaign is not None else []


def embed_frame_origins() -> list[str]:
    """The origins that may frame the sign widget: the approved organisations' https
    websites and the campaign's own list of other sites. Read once per content version."""
    campaign = _campaign_row(content_version())
    extra = frame_origin_lines(campaign.embed_origins) if campaign is not None else []
    checked = (origin_of(line, loopback_http=True) for line in extra)
    return sorted({*partner_sites().origins, *(origin for origin in checked if origin)})


def campaign_ngo_count(*, campaign: Campaign | None) -> int:
    """N in "Join N NGOs" for this campaign (or without one)."""
    return ngo_count(elsewhere=campaign.endorsements_elsewhere if campaign else 0)


def reason_list(
    *, campaign: Campaign, language: str
) -> list[Translated[Reason, ReasonTranslation]]:
    reasons = Reason.objects.filter(campaign=campaign, published=True)
    return translated(with_translations(reasons, language=language), language=language)


@dataclass(frozen=True)
class GroupSection:
    """A section of the how-CSAR page: the group and its published testimonials."""

    group: Translated[AffectedGroup, AffectedGroupTranslation]
    testimonials: list[Translated[Testimonial, TestimonialTranslation]]


def affected_group_list(*, campaign: Campaign, language: str) -> list[GroupSection]:
    """The how-CSAR page's sections, in order, each with its testimonials."""
    testimonials = with_translations(Testimonial.objects.published(), language=language)
    groups = with_translations(
        AffectedGroup.objects.filter(campaign=campaign, published=True).prefetch_related(
            Prefetch("testimonials", queryset=testimonials)
        ),
        language=language,
    )
    return [
        GroupSection(
            group=group,
            testimonials=translated(group.obj.testimonials.all(), language=language),
        )
        for group in translated(groups, language=language)
    ]


def privacy_policy(*, campaign: Campaign, language: str) -> CampaignTranslation | None:
    """The campaign's own privacy policy for a reader of `language`: the first one written
    along the language's fallback chain (it keeps its language, for `lang`), or None: the
    shipped policy, translated, is shown."""
    rows = CampaignTranslation.objects.filter(
        parent=campaign, language__in=fallback_chain(language)
    ).exclude(privacy_policy="")
    return pick_translation_from(rows, language=language)


def campaign_state_sentence() -> str:
    """One sentence on the campaign's state in the active language, for places that have no
    room for the petition's own notice (the news feed); "" while signing is open."""
    campaign = campaign_current(language=get_language())
    if campaign is None:
        return ""
    state = campaign.obj.state
    if state == Campaign.State.DELIVERED:
        to = campaign.t.delivered_to if campaign.t else ""
        if campaign.obj.delivered_on and to:
            return gettext("Signing has ended. On %(date)s we handed the petition to %(to)s.") % {
                "date": date_format(campaign.obj.delivered_on, "DATE_FORMAT"),
                "to": to,
            }
        return gettext("Signing has ended, and we have handed the petition over.")
    if state == Campaign.State.CLOSED:
        return gettext(
            "Signing has ended. Thank you to everyone who signed: we will hand the petition over."
        )
    if state == Campaign.State.PAUSED:
        return gettext("Signing is paused at the moment. Please come back a little later.")
    return ""
