"""Reads of the coalition shown on the public site."""

from campaigns.models import Campaign
from coalition.models import Organisation


def organisation_list_approved() -> list[Organisation]:
    """Approved organisations in the campaigners' order (logos and links on the home page)."""
    return list(Organisation.objects.approved().order_by("order", "name"))


def ngo_count(*, campaign: Campaign | None) -> int:
    """N in "Join N NGOs": approved organisations plus endorsements counted elsewhere."""
    elsewhere = campaign.endorsements_elsewhere if campaign is not None else 0
    return Organisation.objects.approved().count() + elsewhere
