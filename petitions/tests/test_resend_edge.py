"""Resend answers every address Django's email check lets through: 200 or a clear 400."""

import pytest
from django.core import mail

from core.formguard import issue_token

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address", ["+x@example.org", "user@example.o\u0301rg", "anna@example.org\u3002"]
)
def test_resend_refuses_what_the_rules_cannot_normalise_with_a_clear_error(
    client, petition, address
):
    """Addresses Django's email check lets through but the normaliser refuses (a "+tag"
    with nothing before it, a combining accent in the domain, a trailing ideographic full
    stop) get a translated error next to the field, 400, and no mail."""
    response = client.post(
        "/nl/sign/resend/", {"form_token": issue_token("ResendForm"), "email": address}
    )
    assert response.status_code == 400
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    assert not mail.outbox


@pytest.mark.parametrize(
    "address",
    [
        "anna@example.org.",
        "anna+@example.org",
        "a@xn--ls8h.example",
        "anna@exa_mple.org",
        "anna@-example.org",
        '"an@na"@example.org',
    ],
)
def test_resend_never_fails_on_an_address(client, petition, address):
    """Addresses that Django's email check accepts but the normaliser may not (a "+tag" with
    nothing before it, a combining accent, a trailing ideographic full stop) get the page
    again: a clear, translated error next to the field (400) or the usual answer, never a 500."""
    response = client.post(
        "/nl/sign/resend/", {"form_token": issue_token("ResendForm"), "email": address}
    )
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert 'id="resend-email_error"' in response.content.decode()
    assert not mail.outbox
