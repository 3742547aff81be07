"""The campaign exports confirmed subscribers, addresses sealed, and opens them offline."""

import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Subscription
from newsletter.tests.factories import SubscriptionFactory
from privacy.tests.support import decrypt, export, export_text

pytestmark = pytest.mark.django_db


def test_export_and_offline_decrypt_round_trip(tmp_path):
    """`export subscribers` streams only confirmed subscribers as JSON lines with the address
    sealed; the offline `decrypt` turns them into CSV rows with the subscribers' columns
    (none of the petition's)."""
    SubscriptionFactory(email="een@example.org", language="nl")
    SubscriptionFactory(email="two@example.org", language="en")
    SubscriptionFactory(email="pending@example.org", confirmed_at=None)

    text = export_text("subscribers")
    lines = [json.loads(line) for line in text.splitlines()]
    assert [line["language"] for line in lines] == ["nl", "en"]
    assert all(line["kind"] == "subscription" and line["confirmed_at"] for line in lines)
    assert "@example.org" not in text
    assert [line["language"] for line in export("subscribers", language="en")] == ["en"]

    columns, rows = decrypt(tmp_path, text)
    assert columns == ["email", "language", "consent_version", "created_at", "confirmed_at", "id"]
    assert [(row["email"], row["language"]) for row in rows] == [
        ("een@example.org", "nl"),
        ("two@example.org", "en"),
    ]


def test_admin_shows_counts_and_no_personal_data(admin_client):
    """The admin shows counts by language, confirmed and unconfirmed, and no address or
    keyed hash."""
    SubscriptionFactory(email="geheim@example.org", language="nl")
    SubscriptionFactory(language="nl", confirmed_at=None)
    subscription = SubscriptionFactory(language="en")
    listing = admin_client.get("/admin/newsletter/subscription/")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert 'id="subscription-counts"' in body
    start = body.index('id="subscription-counts"')
    table = body[start : body.index("</table>", start)]
    assert '<th scope="row">nl</th><td>1</td><td>1</td>' in table
    assert '<th scope="row">en</th><td>1</td><td>0</td>' in table
    assert "geheim" not in body
    assert subscription.email_hmac not in body
    detail = admin_client.get(f"/admin/newsletter/subscription/{subscription.pk}/change/")
    assert detail.status_code == 200
    assert subscription.email_hmac not in detail.content.decode()
    assert subscription.unsubscribe_token_hash not in detail.content.decode()
    assert admin_client.get("/admin/newsletter/subscription/add/").status_code == 403


def test_purge_command_deletes_stale_subscriptions():
    """`manage.py purge_unconfirmed` (and the worker's hourly job) deletes subscriptions left
    unconfirmed past retention, and says how many; newer and confirmed ones stay."""
    old = timezone.now() - dt.timedelta(days=settings.UNCONFIRMED_RETENTION_DAYS, hours=1)
    stale = SubscriptionFactory(confirmed_at=None)
    fresh = SubscriptionFactory(confirmed_at=None)
    kept = SubscriptionFactory()
    Subscription.objects.filter(pk__in=[stale.pk, kept.pk]).update(created_at=old)
    out = io.StringIO()
    call_command("purge_unconfirmed", stdout=out)
    assert "subscriptions: 1 deleted" in out.getvalue().splitlines()
    assert set(Subscription.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}
