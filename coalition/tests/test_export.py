"""The campaign exports the coalition with the contacts sealed."""

import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from coalition.models import Organisation
from coalition.tests.factories import OrganisationFactory
from privacy.crypto import generate_keypair, seal, unb64, unseal
from privacy.tests.support import decrypt, export, export_text

pytestmark = pytest.mark.django_db


def test_export_organisations_streams_sealed_contacts():
    """`export organisations` writes one JSON line per organisation; the contact opens only
    with the campaign's private key, and organisations added in the admin have none."""
    applied = OrganisationFactory(
        name="Applied",
        status=Organisation.Status.PENDING,
        contact_sealed=seal({"email": "c@example.org", "name": "Contact Person"}),
    )
    added = OrganisationFactory(name="Added")
    text = export_text("organisations")
    assert "c@example.org" not in text
    lines = {line["id"]: line for line in map(json.loads, text.splitlines())}
    assert set(lines) == {applied.pk, added.pk}
    assert {line["kind"] for line in lines.values()} == {"organisation"}
    assert lines[added.pk]["sealed"] == ""
    assert lines[applied.pk]["status"] == "pending"
    contact = unseal(
        unb64(lines[applied.pk]["sealed"]), private_key=settings.TEST_CAMPAIGN_PRIVATE_KEY
    )
    assert contact == {"email": "c@example.org", "name": "Contact Person"}
    assert [line["id"] for line in export("organisations", status="approved")] == [added.pk]


def test_export_and_offline_decrypt_round_trip(tmp_path):
    """The coalition export opens offline into a CSV with the organisation's columns and the
    contact in clear; a wrong key fails with a clear message."""
    OrganisationFactory(
        name="Applied",
        contact_sealed=seal({"email": "c@example.org", "name": "Contact Person"}),
    )
    OrganisationFactory(name="Added")
    text = export_text("organisations")
    columns, rows = decrypt(tmp_path, text)
    assert columns[:3] == ["id", "name", "website"]
    assert columns[-2:] == ["contact_email", "contact_name"]
    assert "first_name" not in columns
    assert [(r["name"], r["contact_email"], r["contact_name"]) for r in rows] == [
        ("Applied", "c@example.org", "Contact Person"),
        ("Added", "", ""),
    ]
    _public, other_private = generate_keypair()
    with pytest.raises(CommandError, match="Line 1 cannot be decrypted"):
        decrypt(tmp_path, text, key=other_private)


def test_purge_command_deletes_stale_applications():
    """`manage.py purge_unconfirmed` (and the worker's hourly job) deletes applications left
    unconfirmed past retention, and says how many; organisations a campaigner added and
    confirmed ones stay."""
    old = timezone.now() - dt.timedelta(days=settings.UNCONFIRMED_RETENTION_DAYS, hours=1)
    stale = OrganisationFactory(
        status=Organisation.Status.PENDING, confirmation_expires_at=old, language="nl"
    )
    added = OrganisationFactory(status=Organisation.Status.PENDING)
    confirmed = OrganisationFactory(
        status=Organisation.Status.PENDING,
        confirmation_expires_at=old,
        email_confirmed_at=old,
    )
    Organisation.objects.update(created_at=old)
    out = io.StringIO()
    call_command("purge_unconfirmed", stdout=out)
    assert "organisations: 1 deleted" in out.getvalue().splitlines()
    assert set(Organisation.objects.values_list("pk", flat=True)) == {added.pk, confirmed.pk}
    assert stale.pk not in set(Organisation.objects.values_list("pk", flat=True))
