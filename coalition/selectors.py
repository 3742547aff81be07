"""Reads of the coalition."""

from coalition.models import Organisation
from core import optin


def organisation_list_approved() -> list[Organisation]:
    """Approved organisations in the campaigners' order (logos and links on the home page)."""
    return list(Organisation.objects.approved().order_by("order", "name"))


def ngo_count(*, elsewhere: int) -> int:
    """N in "Join N NGOs": approved organisations plus `elsewhere`, the endorsements the
    campaign counts outside this site."""
    return Organisation.objects.approved().count() + elsewhere


def organisation_by_confirmation_token(*, token: str) -> Organisation | None:
    """The application whose confirmation link carries `token` (expired or not)."""
    return optin.find(
        Organisation.objects.awaiting_confirmation(), token=token, field="confirmation_token_hash"
    )
