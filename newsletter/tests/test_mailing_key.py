"""The mailing key: subscribers' addresses are readable by the server (to send updates) and
by nothing that holds only the database; the key rotates; older sealed-only subscriptions
get their mailing copy from the campaign's offline decryption."""

import base64
import io
import secrets

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from newsletter.models import Subscription
from newsletter.tests.factories import SubscriptionFactory
from privacy import crypto
from privacy.tests.support import decrypt, export_text

pytestmark = pytest.mark.django_db

ADDRESS = "Lena.Leser+Neu@Beispiel.de"


def new_key() -> bytes:
    return secrets.token_bytes(32)


def test_subscribing_keeps_the_address_under_the_mailing_key_only(form_post):
    """The form keeps the address as typed, encrypted with the mailing key: the key opens
    it, the raw bytes do not show it, and the outbox key cannot open it."""
    assert form_post("/en/newsletter/", {"email": ADDRESS}).status_code == 302
    subscription = Subscription.objects.get()
    assert crypto.mailing_decrypt(subscription.address) == ADDRESS
    assert ADDRESS.lower().encode() not in bytes(subscription.address).lower()
    with (
        override_settings(MAILING_KEY=new_key(), MAILING_KEY_FALLBACKS=[]),
        pytest.raises(crypto.MailingKeyError),
    ):
        crypto.mailing_decrypt(subscription.address)


def test_subscribing_again_unconfirmed_keeps_the_newest_address(form_post):
    """Before confirming, the address typed last is the one kept (its mail carries the link)."""
    form_post("/en/newsletter/", {"email": "lena@beispiel.de"})
    form_post("/en/newsletter/", {"email": "Lena@Beispiel.de"})
    assert crypto.mailing_decrypt(Subscription.objects.get().address) == "Lena@Beispiel.de"


def test_rotation_reencrypts_every_address_with_the_new_key(settings):
    """With the new key set and the old one as fallback, the command re-encrypts every
    address; afterwards the new key alone opens them all, and a second run changes nothing."""
    old, new = settings.MAILING_KEY, new_key()
    SubscriptionFactory(email="a@example.org")
    SubscriptionFactory(email="b@example.org")
    legacy = SubscriptionFactory(email="c@example.org", address=b"")
    settings.MAILING_KEY, settings.MAILING_KEY_FALLBACKS = new, [old]

    out = io.StringIO()
    call_command("rotate_mailing_key", stdout=out)
    assert out.getvalue().strip() == "Re-encrypted 2 addresses."

    settings.MAILING_KEY_FALLBACKS = []
    opened = sorted(crypto.mailing_decrypt(s.address) for s in Subscription.objects.mailable())
    assert opened == ["a@example.org", "b@example.org"]
    legacy.refresh_from_db()
    assert bytes(legacy.address) == b""
    out = io.StringIO()
    call_command("rotate_mailing_key", stdout=out)
    assert out.getvalue().strip() == "Re-encrypted 0 addresses."


def test_rotation_without_the_old_key_stops_and_says_so(settings):
    """An address no configured key opens stops the command with an error, not a crash."""
    SubscriptionFactory(email="a@example.org")
    settings.MAILING_KEY = new_key()
    with pytest.raises(CommandError, match="MAILING_KEY_FALLBACKS"):
        call_command("rotate_mailing_key", stdout=io.StringIO())


def test_generate_prints_a_key_and_changes_nothing():
    subscription = SubscriptionFactory(email="a@example.org")
    out = io.StringIO()
    call_command("rotate_mailing_key", generate=True, stdout=out)
    assert len(base64.b64decode(out.getvalue().strip())) == 32
    subscription.refresh_from_db()
    assert crypto.mailing_decrypt(subscription.address) == "a@example.org"


def test_older_subscriptions_get_their_address_from_the_offline_decryption(tmp_path):
    """Export, decrypt offline, import: each sealed-only subscription gets its own address
    under the mailing key; a row whose address is not its subscription's is skipped."""
    first = SubscriptionFactory(email="Eerste@Voorbeeld.nl", address=b"")
    second = SubscriptionFactory(email="second@example.org", address=b"")
    assert not Subscription.objects.mailable().exists()
    _columns, rows = decrypt(tmp_path, export_text("subscribers"))
    rows[1]["email"] = "intruder@example.org"
    csv_file = tmp_path / "addresses.csv"
    csv_file.write_text(
        "id,email\n" + "".join(f"{row['id']},{row['email']}\n" for row in rows), encoding="utf-8"
    )

    out = io.StringIO()
    call_command("import_subscriber_addresses", str(csv_file), stdout=out)
    assert out.getvalue().strip() == "Imported 1 addresses, skipped 1."
    first.refresh_from_db()
    second.refresh_from_db()
    assert crypto.mailing_decrypt(first.address) == "Eerste@Voorbeeld.nl"
    assert bytes(second.address) == b""


def test_import_refuses_a_file_without_the_columns(tmp_path):
    csv_file = tmp_path / "addresses.csv"
    csv_file.write_text("email\nx@example.org\n", encoding="utf-8")
    with pytest.raises(CommandError, match="id and email"):
        call_command("import_subscriber_addresses", str(csv_file), stdout=io.StringIO())
