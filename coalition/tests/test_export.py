"""The campaign exports the coalition with the contacts sealed."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from coalition.models import Organisation
from coalition.tests.factories import OrganisationFactory
from privacy.crypto import generate_keypair, seal, unb64, unseal

pytestmark = pytest.mark.django_db


def test_export_organisations_streams_sealed_contacts():
    """export_organisations writes one JSON line per organisation; the contact opens only
    with the campaign's private key, and organisations added in the admin have none."""
    applied = OrganisationFactory(
        name="Applied",
        status=Organisation.Status.PENDING,
        contact_sealed=seal({"email": "c@example.org", "name": "Contact Person"}),
    )
    added = OrganisationFactory(name="Added")
    out = io.StringIO()
    call_command("export_organisations", stdout=out)
    assert "c@example.org" not in out.getvalue()
    lines = {line["id"]: line for line in map(json.loads, out.getvalue().splitlines())}
    assert set(lines) == {applied.pk, added.pk}
    assert lines[added.pk]["sealed"] == ""
    assert lines[applied.pk]["status"] == "pending"
    contact = unseal(
        unb64(lines[applied.pk]["sealed"]), private_key=settings.TEST_CAMPAIGN_PRIVATE_KEY
    )
    assert contact == {"email": "c@example.org", "name": "Contact Person"}

    approved_only = io.StringIO()
    call_command("export_organisations", status="approved", stdout=approved_only)
    assert [json.loads(x)["id"] for x in approved_only.getvalue().splitlines()] == [added.pk]


def test_export_and_offline_decrypt_round_trip(tmp_path):
    """The coalition export opens offline into a CSV with the contact in clear; a wrong key
    fails with a clear message."""
    OrganisationFactory(
        name="Applied",
        contact_sealed=seal({"email": "c@example.org", "name": "Contact Person"}),
    )
    OrganisationFactory(name="Added")
    export = io.StringIO()
    call_command("export_organisations", stdout=export)
    export_file = tmp_path / "organisations.jsonl"
    export_file.write_text(export.getvalue(), encoding="utf-8")
    key_file = tmp_path / "campaign.key"
    key_file.write_text(f"CAMPAIGN_PRIVATE_KEY={settings.TEST_CAMPAIGN_PRIVATE_KEY}\n")
    csv_file = tmp_path / "organisations.csv"
    call_command(
        "decrypt_organisations",
        key_file=str(key_file),
        input=str(export_file),
        output=str(csv_file),
        stderr=io.StringIO(),
    )
    rows = list(csv.DictReader(csv_file.open(encoding="utf-8")))
    assert [(r["name"], r["contact_email"], r["contact_name"]) for r in rows] == [
        ("Applied", "c@example.org", "Contact Person"),
        ("Added", "", ""),
    ]

    _public, other_private = generate_keypair()
    key_file.write_text(other_private)
    with pytest.raises(CommandError, match="Line 1 cannot be decrypted"):
        call_command(
            "decrypt_organisations",
            key_file=str(key_file),
            input=str(export_file),
            output=str(csv_file),
            stderr=io.StringIO(),
        )


def test_purge_command():
    """The purge command reports how many unconfirmed applications it deleted."""
    out = io.StringIO()
    call_command("purge_unconfirmed_organisations", stdout=out)
    assert "Deleted 0" in out.getvalue()
