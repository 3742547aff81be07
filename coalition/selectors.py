"""Reads of the coalition."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

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


def organisations_for_export(*, status: str | None = None) -> Iterator[dict[str, Any]]:
    """Organisations (of one status, if given) in the order they applied or were added, the
    contact person sealed (organisations added by a campaigner have none). Read in chunks."""
    rows = Organisation.objects.order_by("pk")
    if status:
        rows = rows.filter(status=status)
    fields = (
        "pk",
        "name",
        "website",
        "country",
        "status",
        "language",
        "statement",
        "created_at",
        "email_confirmed_at",
        "reviewed_at",
        "contact_sealed",
    )
    for values in rows.values_list(*fields).iterator(chunk_size=2000):
        record = dict(zip(fields, values, strict=True))
        pk, sealed = record.pop("pk"), record.pop("contact_sealed")
        yield {"id": pk, **record, "country": str(record["country"] or ""), "sealed": sealed}


def applications_awaiting_review_dates() -> list[dt.datetime]:
    """When each application that waits for a campaigner's review was made, oldest first
    (a few dozen rows at most: one per organisation)."""
    return list(
        Organisation.objects.awaiting_review()
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
