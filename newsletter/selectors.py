"""Reads for the newsletter."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q

from core import optin
from newsletter.models import Subscription


def subscription_by_confirmation_token(*, token: str) -> Subscription | None:
    """The unconfirmed subscription whose confirmation link carries `token` (expired or not)."""
    return optin.find(Subscription.objects.unconfirmed(), token=token)


def subscription_by_unsubscribe_token(*, token: str) -> Subscription | None:
    return optin.find(Subscription.objects.all(), token=token, field="unsubscribe_token_hash")


def subscription_counts_by_language() -> list[dict]:
    """Per language: confirmed and unconfirmed subscriptions (for the admin)."""
    return list(
        Subscription.objects.values("language")
        .annotate(
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
        )
        .order_by("language")
    )


def subscriptions_for_export(*, language: str | None = None) -> Iterator[dict[str, Any]]:
    """Confirmed subscriptions (of one language, if given) in the order they were made, the
    address sealed. Read in chunks: constant memory for any number."""
    rows = Subscription.objects.confirmed().order_by("pk")
    if language:
        rows = rows.filter(language=language)
    fields = ("sealed", "language", "consent_version", "created_at", "confirmed_at", "pk")
    for values in rows.values_list(*fields).iterator(chunk_size=2000):
        record = dict(zip(fields, values, strict=True))
        record["id"] = record.pop("pk")
        yield record


def subscription_counts_mailable(*, languages: list[str]) -> dict[str, int]:
    """Per language of `languages`: the subscribers an update would be sent to now."""
    rows = (
        Subscription.objects.mailable()
        .filter(language__in=languages)
        .values_list("language")
        .annotate(number=Count("pk"))
    )
    found = dict(rows)
    return {language: found.get(language, 0) for language in languages}


def subscription_counts_unwritten(*, languages: list[str]) -> dict[str, int]:
    """Per language an update is not written in (`languages` are those it is): the
    subscribers who get it only if the campaigner sends them another language's text."""
    rows = (
        Subscription.objects.mailable()
        .exclude(language__in=languages)
        .values_list("language")
        .annotate(number=Count("pk"))
        .order_by("language")
    )
    return {language: number for language, number in rows if number}
