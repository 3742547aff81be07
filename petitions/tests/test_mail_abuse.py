"""The petition's mails cannot be turned against an inbox or a signer.

- Finding 3: eight sign POSTs for one address sent eight mails in a second. Every petition
  mail (confirmation, renewal, already signed, resend) now counts against one per-address
  limit; past it nothing happens, and the page is the same.
- Finding 12: the "already signed" mail, with its deletion link, went to any variant of the
  signer's address (another case, a "+tag"). It now goes only to the address that signed
  (a second keyed hash, of the exact address); a resend likewise.
- Finding 13: resend answered 500 for addresses Django accepts but the normaliser rejects.
"""

import pytest
from django.core import mail
from django.test import override_settings

from core.tests.support import form_token, links_in
from petitions import services
from petitions.models import Signature, SignatureTally
from petitions.tests.factories import SignatureFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("petition")]
high_source_limits = override_settings(
    SIGN_SOFT_LIMIT=10**6, SIGN_HARD_LIMIT=10**6, RESEND_SOURCE_LIMIT=10**6
)
ORIGINAL = "Anna.Jansen@example.org"


def sign(client, email: str, **extra: str):
    data = {
        "form_token": form_token(client, "/nl/sign/"),
        "first_name": "Anna",
        "last_name": "Jansen",
        "email": email,
        "country": "NL",
        **extra,
    }
    return client.post("/nl/sign/", data)


def resend(client, email: str):
    return client.post(
        "/nl/sign/resend/", {"form_token": form_token(client, "/nl/sign/sent/"), "email": email}
    )


def confirm_first_mail(client) -> None:
    confirm = next(url for url in links_in(mail.outbox[0]) if "/sign/confirm/" in url)
    path = confirm.removeprefix("http://testserver")
    client.post(path, {"form_token": form_token(client, path)})
    assert Signature.objects.get().confirmed_at is not None


@high_source_limits
@override_settings(MAILS_PER_ADDRESS_PER_HOUR=3)
def test_signing_one_address_eight_times_sends_three_mails(client):
    """New, renewed and renewed again: three mails; the next five POSTs give the same page
    and change nothing (the signature keeps the data of the third)."""
    responses = [sign(client, ORIGINAL, country=country) for country in ["NL", "BE", "DE"]]
    responses += [sign(client, ORIGINAL, country="FR") for _ in range(5)]
    assert {(r.status_code, r["Location"]) for r in responses} == {(302, "/nl/sign/sent/")}
    assert len(mail.outbox) == 3
    assert Signature.objects.get().country == "DE"


@high_source_limits
@override_settings(MAILS_PER_ADDRESS_PER_HOUR=3)
def test_a_confirmed_signer_gets_at_most_the_limit_of_already_signed_mails(client):
    sign(client, ORIGINAL)
    confirm_first_mail(client)
    for _ in range(8):
        assert sign(client, ORIGINAL).status_code == 302
    assert [m.subject for m in mail.outbox[1:]] == ["Je hebt al getekend"] * 2


@high_source_limits
@override_settings(MAILS_PER_ADDRESS_PER_HOUR=2)
def test_variants_of_an_address_share_its_limit_and_resend_counts_too(client):
    sign(client, ORIGINAL)
    sign(client, "anna.jansen+x@example.org")
    resend(client, "anna.jansen+x@example.org")
    sign(client, "ANNA.JANSEN@example.org")
    assert len(mail.outbox) == 2


@high_source_limits
@pytest.mark.parametrize(
    "variant",
    ["anna.jansen@example.org", "ANNA.JANSEN@EXAMPLE.ORG", "anna.jansen+delete@example.org"],
)
def test_already_signed_mail_goes_only_to_the_address_that_signed(client, variant):
    """A variant of a confirmed signer's address gets the same page and no mail (its owner
    may be someone else); the very address that signed (its domain in any case) gets the
    mail with the deletion link."""
    sign(client, ORIGINAL)
    confirm_first_mail(client)
    assert sign(client, variant)["Location"] == "/nl/sign/sent/"
    assert len(mail.outbox) == 1
    sign(client, "Anna.Jansen@EXAMPLE.org")
    [already] = mail.outbox[1:]
    assert already.to == ["Anna.Jansen@EXAMPLE.org"]
    assert any("/sign/delete/" in url for url in links_in(already))


@high_source_limits
def test_resend_goes_only_to_the_address_that_signed(client):
    """The confirmation mail carries the confirm and deletion links of someone's signature:
    a variant of their address asking for it gets nothing (and the same page)."""
    sign(client, ORIGINAL)
    variant, exact = resend(client, "anna.jansen@example.org"), resend(client, ORIGINAL)
    assert variant.status_code == exact.status_code == 200
    assert [m.to for m in mail.outbox] == [[ORIGINAL], [ORIGINAL]]


@high_source_limits
@pytest.mark.parametrize(
    "address",
    [
        "+x@example.org",  # only a tag: the normalised local part is empty
        "user@example.o\u0301rg",  # a combining accent in the domain (o%CC%81 in the form)
        "user@example.org\u3002",  # a trailing ideographic full stop
    ],
)
def test_addresses_the_normaliser_rejects_get_a_clear_error_never_a_500(client, address):
    for response in (resend(client, address), sign(client, address)):
        assert response.status_code == 400
        assert "Vul een geldig e-mailadres in." in response.content.decode()
    assert services.signature_resend_confirmation(email=address, language="nl") is False
    assert not Signature.objects.exists()
    assert not mail.outbox


def test_deleting_signatures_in_the_admin_takes_them_out_of_the_tally(admin_client):
    """Finding 14: the admin's "delete selected" and its delete page go through the
    tally-aware service, like a signer's own deletion link."""
    counted = SignatureFactory.create_batch(3, country="NL")
    services.tallies_update()
    unconfirmed = SignatureFactory(country="NL", confirmed_at=None)
    response = admin_client.post(
        "/admin/petitions/signature/",
        {
            "action": "delete_selected",
            "_selected_action": [counted[0].pk, unconfirmed.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert SignatureTally.objects.get(country="NL").count == 2
    response = admin_client.post(
        f"/admin/petitions/signature/{counted[1].pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert SignatureTally.objects.get(country="NL").count == 1
    assert list(Signature.objects.values_list("pk", flat=True)) == [counted[2].pk]
    assert admin_client.get("/nl/sign/count.json").json()["count"] == 1
