"""core.upsert: one INSERT that says whether it wrote, and leaves a conflicting row alone
unless told which fields to refresh, and when (on a subscription: its address key is unique,
its primary key is not the conflict)."""

import pytest
from django.utils import timezone

from core import upsert
from newsletter.models import Subscription

pytestmark = pytest.mark.django_db


def subscription(language: str, version: int = 1) -> Subscription:
    return Subscription(
        email_hmac="k" * 64,
        sealed=b"s",
        language=language,
        consent_version=version,
        unsubscribe_nonce=language,
        unsubscribe_token_hash=language * 32,
    )


def test_a_new_row_goes_in_and_says_so():
    assert upsert.insert(subscription("nl"), conflict="email_hmac") is True
    row = Subscription.objects.get()
    assert (row.email_hmac, row.language, row.consent_version) == ("k" * 64, "nl", 1)
    assert row.created_at is not None  # auto_now_add applied as save() would
    assert row.bounces == 0  # a field's default too


def test_on_a_conflict_nothing_changes_and_it_says_so():
    upsert.insert(subscription("nl"), conflict="email_hmac")
    assert upsert.insert(subscription("de", 2), conflict="email_hmac") is False
    row = Subscription.objects.get()
    assert (row.language, row.consent_version) == ("nl", 1)


def test_refresh_takes_only_the_named_fields():
    upsert.insert(subscription("nl"), conflict="email_hmac")
    assert upsert.insert(subscription("de", 2), conflict="email_hmac", refresh=("language",))
    row = Subscription.objects.get()
    assert (row.language, row.consent_version, row.unsubscribe_nonce) == ("de", 1, "nl")


def test_refresh_while_null_leaves_a_row_whose_field_is_set():
    """The newsletter's case: a subscription awaiting confirmation takes the newest language,
    a confirmed one (confirmed_at set) is never touched."""

    def hold(language: str) -> bool:
        return upsert.insert(
            subscription(language),
            conflict="email_hmac",
            refresh=("language",),
            refresh_while_null="confirmed_at",
        )

    assert hold("nl") is True
    assert hold("de") is True
    assert Subscription.objects.get().language == "de"
    Subscription.objects.update(confirmed_at=timezone.now())
    assert hold("fr") is False
    assert Subscription.objects.get().language == "de"


def test_without_refresh_a_conflict_on_any_unique_field_is_no_error():
    """Two requests for one address make rows that share every key derived from it (a
    signature's deletion token as well as its address key): whichever key the database
    checks first, the second INSERT leaves the first row and says so."""
    upsert.insert(subscription("nl"), conflict="email_hmac")
    other_address = subscription("nl")
    other_address.email_hmac = "j" * 64  # only the unsubscribe key is the same
    assert upsert.insert(other_address, conflict="email_hmac") is False
    assert Subscription.objects.count() == 1
