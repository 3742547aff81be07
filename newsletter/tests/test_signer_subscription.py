"""A signer's "keep me informed": held in one statement, never changing a confirmed
subscription."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsletter import services
from newsletter.models import Subscription
from privacy import crypto

pytestmark = pytest.mark.django_db


def hold(email: str, language: str = "nl", version: int = 1) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        services.subscription_for_signer(email=email, language=language, consent_version=version)
    return [query["sql"] for query in queries.captured_queries]


def test_a_new_address_is_held_unconfirmed_in_one_statement():
    [statement] = hold("Anna@Example.org")
    assert statement.startswith("INSERT INTO")
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert (subscription.language, subscription.consent_version) == ("nl", 1)
    assert crypto.mailing_decrypt(bytes(subscription.address)) == "Anna@Example.org"
    assert subscription.unsubscribe_token_hash == services.tokens.hash_token(
        services.unsubscribe_token(subscription=subscription)
    )


def test_signing_again_before_confirming_takes_the_newest_address_and_language():
    hold("anna@example.org")
    first = Subscription.objects.get()
    [statement] = hold("Anna@example.org", language="de", version=2)
    assert statement.startswith("INSERT INTO")
    again = Subscription.objects.get()
    assert again.pk == first.pk
    assert (again.language, again.consent_version) == ("de", 2)
    assert crypto.mailing_decrypt(bytes(again.address)) == "Anna@example.org"
    # The unsubscribe link of the row stays the one it was made with.
    assert (again.unsubscribe_nonce, again.unsubscribe_token_hash) == (
        first.unsubscribe_nonce,
        first.unsubscribe_token_hash,
    )
    assert again.created_at >= first.created_at


def test_a_confirmed_subscription_is_left_as_it_is():
    hold("anna@example.org")
    confirmed_at = timezone.now()
    Subscription.objects.update(confirmed_at=confirmed_at)
    before = Subscription.objects.get()
    hold("anna@example.org", language="fr", version=3)
    after = Subscription.objects.get()
    assert (after.language, after.consent_version, after.confirmed_at) == ("nl", 1, confirmed_at)
    assert bytes(after.sealed) == bytes(before.sealed)
    assert after.created_at == before.created_at
