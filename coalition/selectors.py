"""Reads of the coalition shown on the public site."""

from coalition.models import Organisation


def organisation_list_approved() -> list[Organisation]:
    """Approved organisations in the campaigners' order (logos and links on the home page)."""
    return list(Organisation.objects.approved().order_by("order", "name"))


def ngo_count(*, elsewhere: int) -> int:
    """N in "Join N NGOs": approved organisations plus `elsewhere`, the endorsements the
    campaign counts outside this site."""
    return Organisation.objects.approved().count() + elsewhere
