"""Keys, export, offline decryption and purges, through the management commands."""

import csv
import io
import json
import tracemalloc

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from outbox.models import OutgoingMail
from petitions import services
from petitions.models import Signature, SignatureTally
from privacy import crypto

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


def test_campaign_keys_generate_prints_a_working_pair(tmp_path):
    """The printed public key seals what the printed private key opens; nothing is written."""
    before = set(settings.VAR_DIR.glob("*")) if settings.VAR_DIR.exists() else set()
    lines = dict(line.split("=", 1) for line in run("campaign_keys", "generate").splitlines())
    public, private = lines["CAMPAIGN_PUBLIC_KEY"], lines["CAMPAIGN_PRIVATE_KEY"]
    with override_settings(CAMPAIGN_PUBLIC_KEY=public):
        blob = crypto.seal({"email": "a@example.org"})
    assert crypto.unseal(blob, private_key=private) == {"email": "a@example.org"}
    after = set(settings.VAR_DIR.glob("*")) if settings.VAR_DIR.exists() else set()
    assert after == before


@pytest.mark.django_db
def test_export_then_offline_decrypt_round_trip(tmp_path):
    """export_signatures writes sealed records only; decrypt with the private key gives back
    exactly the names and addresses typed, with the clear fields, as CSV."""
    sign_all()
    export = tmp_path / "export.jsonl"
    run("export_signatures", "--output", str(export))
    text = export.read_text()
    for first, last, email, _country in PEOPLE:
        assert first not in text and email not in text and last not in text
    records = [json.loads(line) for line in text.splitlines()]
    assert {r["country"] for r in records} == {"NL", "IE", "PL"}
    assert all(r["consent"] is True and r["consent_version"] == 3 for r in records)

    key_file = tmp_path / "private.key"
    key_file.write_text(settings.TEST_CAMPAIGN_PRIVATE_KEY + "\n")
    output = tmp_path / "signatures.csv"
    call_command(
        "decrypt",
        "--key-file",
        str(key_file),
        "--input",
        str(export),
        "--output",
        str(output),
        stderr=io.StringIO(),
    )
    with output.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted((r["first_name"], r["last_name"], r["email"], r["country"]) for r in rows) == (
        sorted(PEOPLE)
    )
    assert {r["consent"] for r in rows} == {"True"}


@pytest.mark.django_db
def test_decrypt_accepts_saved_campaign_keys_output_and_refuses_wrong_key(tmp_path):
    sign_all()
    export = tmp_path / "export.jsonl"
    run("export_signatures", "--output", str(export))
    key_file = tmp_path / "keys.txt"
    key_file.write_text(
        f"CAMPAIGN_PUBLIC_KEY={settings.CAMPAIGN_PUBLIC_KEY}\n"
        f"CAMPAIGN_PRIVATE_KEY={settings.TEST_CAMPAIGN_PRIVATE_KEY}\n"
    )
    out = run("decrypt", "--key-file", str(key_file), "--input", str(export))
    assert "Anna.Jansen@example.org" in out
    _public, wrong = crypto.generate_keypair()
    key_file.write_text(wrong)
    with pytest.raises(CommandError):
        run("decrypt", "--key-file", str(key_file), "--input", str(export))


@pytest.mark.django_db
def test_export_confirmed_only_and_valid_only():
    sign_all(confirm=False)
    assert run("export_signatures", "--confirmed-only") == ""
    assert len(run("export_signatures").splitlines()) == 3
    Signature.objects.filter(country="NL").update(invalidated=True)
    assert len(run("export_signatures").splitlines()) == 2
    assert len(run("export_signatures", "--include-invalid").splitlines()) == 3


def _export_peak(tmp_path, rows: int) -> int:
    blob = crypto.seal({"first_name": "A", "last_name": "B", "email": "c@example.org"})
    Signature.objects.all().delete()
    Signature.objects.bulk_create(
        Signature(email_hmac=f"{n:064x}", sealed=blob, country="NL", language="nl")
        for n in range(rows)
    )
    tracemalloc.start()
    run("export_signatures", "--output", str(tmp_path / f"e{rows}.jsonl"))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


@pytest.mark.django_db
def test_export_memory_does_not_grow_with_rows(tmp_path):
    """Exporting 10 times more rows needs about the same memory (rows are streamed)."""
    small = _export_peak(tmp_path, 2_500)
    large = _export_peak(tmp_path, 25_000)
    assert large < small * 2, (small, large)


@pytest.mark.django_db
def test_purge_unconfirmed_command(settings):
    sign_all(confirm=False)
    Signature.objects.update(created_at="2020-01-01T00:00:00Z", token_expires_at=None)
    out = run("purge_unconfirmed")
    assert "signatures: 3 deleted" in out
    assert not Signature.objects.exists()


@pytest.mark.django_db
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
