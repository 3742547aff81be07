"""Signing while the database refuses to write (read-only or full): a translated 503 with
Retry-After, nothing stored; the pages readers read come from the page cache."""

import time
from collections.abc import Iterator

import pytest
from django.db import connection

from core.caching import content_changed
from core.tests.support import form_token
from petitions.models import Signature
from privacy import resilient_cache

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def read_only() -> Iterator[None]:
    """The database really refusing writes, as on a read-only file system or a full disk (a
    read-only session: SQLite's query_only, PostgreSQL's default_transaction_read_only)."""
    statements = {
        "sqlite": ("PRAGMA query_only = ON", "PRAGMA query_only = OFF"),
        "postgresql": (
            "SET default_transaction_read_only = on",
            "SET default_transaction_read_only = off",
        ),
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(statements[0])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(statements[1])


def _sign(client, email: str):
    return client.post(
        "/nl/sign/",
        {
            "form_token": form_token(client, "/nl/sign/"),
            "first_name": "Anna",
            "last_name": "Jansen",
            "email": email,
            "country": "NL",
        },
    )


def test_signing_on_a_read_only_database_answers_503_and_stores_nothing(
    client, petition, read_only
):
    response = _sign(client, "anna@example.org")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "er is niets bewaard" in page
    assert response["X-Outcome"] == "not-stored"
    assert not Signature.objects.exists()


def test_signing_works_again_once_the_database_does(client, petition, read_only):
    assert _sign(client, "anna@example.org").status_code == 503
    with connection.cursor() as cursor:
        cursor.execute(
            "PRAGMA query_only = OFF"
            if connection.vendor == "sqlite"
            else "SET default_transaction_read_only = off"
        )
    # Right after a failure, writes are refused at once for a second (the breaker), then tried.
    assert _sign(client, "anna@example.org").status_code == 503
    assert not Signature.objects.exists()
    time.sleep(resilient_cache.RETRY_SECONDS + 0.05)
    assert _sign(client, "anna@example.org").status_code == 302
    assert Signature.objects.count() == 1


def test_public_pages_are_served_stale_while_the_database_fails(client, petition, settings):
    """A page rendered once is served, past its lifetime, while rendering it fails because the
    database does (here: its tables gone from under it, the worst case)."""
    first = client.get("/nl/legal.html")
    assert first.status_code == 200
    content_changed()  # the rendering is out of date: the page must be rendered again
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE campaigns_campaign RENAME TO campaigns_campaign_gone")
    try:
        again = client.get("/nl/legal.html")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE campaigns_campaign_gone RENAME TO campaigns_campaign")
    assert again.status_code == 200
    assert again.content == first.content
    assert "max-age=5" in again["Cache-Control"]
