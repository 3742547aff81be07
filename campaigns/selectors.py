"""Reads of the campaign's content, each object with `.t` (its translation) attached."""

from django.db.models import Prefetch

from campaigns.models import AffectedGroup, Campaign, Reason
from core.translation import attach_translations, pick_translation, with_translations
from testimonials.models import Testimonial


def campaign_get_current(*, language: str) -> Campaign | None:
    """The campaign the site shows (the first one), with `.t` for `language`, or None."""
    campaign = with_translations(Campaign.objects.order_by("id"), language=language).first()
    if campaign is None:
        return None
    campaign.t = pick_translation(campaign, language=language)  # type: ignore[attr-defined]
    return campaign


def reason_list(*, campaign: Campaign, language: str) -> list[Reason]:
    reasons = Reason.objects.filter(campaign=campaign, published=True)
    return attach_translations(with_translations(reasons, language=language), language=language)


def affected_group_list(*, campaign: Campaign, language: str) -> list[AffectedGroup]:
    """The how-CSAR page's sections; each has `.testimonial_list` (published, translated)."""
    testimonials = with_translations(Testimonial.objects.published(), language=language)
    groups = with_translations(
        AffectedGroup.objects.filter(campaign=campaign, published=True).prefetch_related(
            Prefetch("testimonials", queryset=testimonials)
        ),
        language=language,
    )
    result = attach_translations(groups, language=language)
    for group in result:
        group.testimonial_list = attach_translations(  # type: ignore[attr-defined]
            group.testimonials.all(), language=language
        )
    return result
