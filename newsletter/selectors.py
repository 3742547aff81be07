"""Reads for the newsletter."""

from django.db.models import Count, Q
from django.utils import timezone

from newsletter.models import Subscription
from privacy import tokens


def subscription_by_confirmation_token(*, token: str) -> Subscription | None:
    """The unconfirmed subscription whose confirmation link carries `token`, if still valid."""
    if not token or len(token) > 128:
        return None
    return (
        Subscription.objects.unconfirmed()
        .filter(token_hash=tokens.hash_token(token), token_expires_at__gt=timezone.now())
        .first()
    )


def subscription_by_unsubscribe_token(*, token: str) -> Subscription | None:
    if not token or len(token) > 128:
        return None
    return Subscription.objects.filter(unsubscribe_token_hash=tokens.hash_token(token)).first()


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
