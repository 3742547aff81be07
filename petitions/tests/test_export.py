"""The end-of-campaign operations on signatures: export, offline decryption and purges."""

import datetime as dt
import io
import json
import tracemalloc

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from outbox.models import OutgoingMail
from petitions import services
from petitions.models import Signature, SignatureTally
from petitions.tests.factories import SignatureFactory
from privacy import crypto
from privacy.tests.support import decrypt

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("Anna", "Jansen", "Anna.Jansen@example.org", "NL"),
    ("Zoë", 'O\'Brien, "Jr"', "zoe@bücher.example", "IE"),
    ("Łukasz", "Żółć", "lukasz+petitie@example.pl", "PL"),
]


def sign_all(*, confirm: bool = True) -> None:
    for first, last, email, country in PEOPLE:
        services.signature_create(
            first_name=first,
            last_name=last,
            email=email,
            country=country,
            language="nl",
            consent=True,
            consent_version=3,
            source_key="src",
            suspect=False,
        )
    if confirm:
        Signature.objects.update(confirmed_at="2026-11-29T12:00:00Z", token_hash=None)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_export_then_offline_decrypt_round_trip(tmp_path):
    """`export signatures` writes sealed records that name their kind; decrypt with the
    private key gives back exactly the names and addresses typed, with the clear fields, in
    the columns docs/privacy.md lists."""
    sign_all()
    export = tmp_path / "signatures.jsonl"
    run("export", "signatures", "--output", str(export))
    text = export.read_text()
    for first, last, email, _country in PEOPLE:
        assert first not in text and email not in text and last not in text
    records = [json.loads(line) for line in text.splitlines()]
    assert {r["kind"] for r in records} == {"signature"}
    assert {r["country"] for r in records} == {"NL", "IE", "PL"}
    assert all(r["consent"] is True and r["consent_version"] == 3 for r in records)
    assert all(r["confirmed_at"].startswith("2026-11-29T12:00:00") for r in records)

    columns, rows = decrypt(tmp_path, text)
    assert columns == [
        "first_name",
        "last_name",
        "email",
        "country",
        "language",
        "consent",
        "consent_version",
        "created_at",
        "confirmed_at",
        "suspect",
        "id",
    ]
    assert sorted((r["first_name"], r["last_name"], r["email"], r["country"]) for r in rows) == (
        sorted(PEOPLE)
    )
    assert {r["consent"] for r in rows} == {"True"}


def test_decrypt_accepts_saved_campaign_keys_output_and_refuses_wrong_key(tmp_path):
    sign_all()
    text = run("export", "signatures")
    saved = (
        f"CAMPAIGN_PUBLIC_KEY={settings.CAMPAIGN_PUBLIC_KEY}\n"
        f"CAMPAIGN_PRIVATE_KEY={settings.TEST_CAMPAIGN_PRIVATE_KEY}\n"
    )
    _columns, rows = decrypt(tmp_path, text, key=saved)
    assert "Anna.Jansen@example.org" in {row["email"] for row in rows}
    _public, wrong = crypto.generate_keypair()
    with pytest.raises(CommandError, match="Line 1 cannot be decrypted"):
        decrypt(tmp_path, text, key=wrong)


def test_export_confirmed_only_and_valid_only():
    sign_all(confirm=False)
    assert run("export", "signatures", "--confirmed-only") == ""
    assert len(run("export", "signatures").splitlines()) == 3
    Signature.objects.filter(country="NL").update(invalidated=True)
    assert len(run("export", "signatures").splitlines()) == 2
    assert len(run("export", "signatures", "--include-invalid").splitlines()) == 3


def _export_peak(tmp_path, rows: int) -> int:
    blob = crypto.seal({"first_name": "A", "last_name": "B", "email": "c@example.org"})
    Signature.objects.all().delete()
    Signature.objects.bulk_create(
        Signature(email_hmac=f"{n:064x}", sealed=blob, country="NL", language="nl")
        for n in range(rows)
    )
    tracemalloc.start()
    run("export", "signatures", "--output", str(tmp_path / f"e{rows}.jsonl"))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def test_export_memory_does_not_grow_with_rows(tmp_path):
    """Exporting 10 times more rows needs about the same memory (rows are streamed)."""
    small = _export_peak(tmp_path, 2_500)
    large = _export_peak(tmp_path, 25_000)
    assert large < small * 2, (small, large)


def test_purge_unconfirmed_command_deletes_stale_signatures():
    """`manage.py purge_unconfirmed` (and the worker's hourly job) deletes unconfirmed
    signatures past retention whose link has expired, and says how many; the others stay."""
    stale = SignatureFactory(confirmed_at=None, token_expires_at=None)
    waiting = SignatureFactory(confirmed_at=None, token_expires_at=timezone.now())
    confirmed = SignatureFactory()
    Signature.objects.filter(pk__in=[stale.pk, waiting.pk, confirmed.pk]).update(
        created_at=timezone.now() - dt.timedelta(days=settings.UNCONFIRMED_RETENTION_DAYS + 1)
    )
    Signature.objects.filter(pk=waiting.pk).update(
        token_expires_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert "signatures: 1 deleted" in run("purge_unconfirmed").splitlines()
    assert set(Signature.objects.values_list("pk", flat=True)) == {waiting.pk, confirmed.pk}


def test_purge_campaign_data_needs_yes_then_deletes_everything():
    sign_all()
    services.tallies_update()
    OutgoingMail.objects.create(template="x", language="nl", payload=b"x")
    with pytest.raises(CommandError):
        run("purge_campaign_data")
    assert Signature.objects.exists()
    run("purge_campaign_data", "--yes")
    assert not Signature.objects.exists()
    assert not SignatureTally.objects.exists()
    assert not OutgoingMail.objects.exists()
