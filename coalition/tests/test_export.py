"""The campaign exports the coalition with the contacts sealed."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command

from coalition.models import Organisation
from coalition.tests.factories import OrganisationFactory
from privacy.crypto import seal, unb64, unseal

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


def test_purge_command():
    """The purge command reports how many unconfirmed applications it deleted."""
    out = io.StringIO()
    call_command("purge_unconfirmed_organisations", stdout=out)
    assert "Deleted 0" in out.getvalue()
