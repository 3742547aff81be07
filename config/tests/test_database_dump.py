"""The campaign's promise, checked on the whole database: after people sign, subscribe and
apply to the coalition, a full dump holds none of their names or addresses, in any case, as
text or as bytes, whether their mails are still queued or already sent."""

import pytest
from django.core import mail
from django.test import override_settings

from coalition.tests.factories import image_upload
from core.tests.support import dump_rows, form_token, links_in, path_of
from newsletter.models import Subscription
from outbox.models import OutgoingMail
from outbox.services import mail_deliver_due
from petitions import services as petition_services
from petitions.models import Signature

SIGNERS = [
    ("Griselda", "Vanderkwast", "Griselda.Vanderkwast@Example.net"),
    ("Þórhildur", "Ægisdóttir", "thorhildur+petitie@voorbeeld.nl"),
    ("Wojciech", "Szczęsny-Brzęczyszczykiewicz", "w.szczesny@gmail.com"),
]
SUBSCRIBER = "Wilhelmina.Lezer+nb@Voorbeeld.nl"
CONTACT = ("Pieternella Zwanenburg", "secretariaat@burgerrechten.example")
ORGANISATION = "Burgerrechten Test"


def secrets_typed() -> list[str]:
    """Everything personal that was typed, and the parts a search would try."""
    words = [part for person in SIGNERS for part in person]
    words += [SUBSCRIBER, "wilhelmina.lezer", "voorbeeld.nl", *CONTACT, *CONTACT[0].split()]
    words += [email.split("@")[0] for _first, _last, email in SIGNERS]
    return words


def act(client, form_post) -> None:
    """Three people sign, one subscribes, an organisation applies: through the forms."""
    for first, last, email in SIGNERS:
        data = {
            "form_token": form_token(client, "/nl/sign/"),
            "first_name": first,
            "last_name": last,
            "email": email,
            "country": "NL",
            "consent": "on",
        }
        assert client.post("/nl/sign/", data).status_code == 302
    assert form_post("/nl/newsletter/", {"email": SUBSCRIBER}).status_code == 302
    application = {
        "name": ORGANISATION,
        "website": "https://burgerrechten.example",
        "country": "NL",
        "contact_email": CONTACT[1],
        "contact_name": CONTACT[0],
        "statement": "Wij steunen de campagne.",
        "logo": image_upload(),
    }
    assert form_post("/nl/coalition/join/", application).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("sent", [False, True], ids=["mail-queued", "mail-sent"])
@override_settings(OUTBOX_SEND_AT_ONCE=False)
def test_database_holds_no_name_or_address(client, form_post, petition, sent):
    """While the mails wait in the outbox (encrypted with the server's key) and after the
    worker has sent them (and a signer has confirmed), no name or address is anywhere in
    the database."""
    act(client, form_post)
    assert OutgoingMail.objects.count() == len(SIGNERS) + 2
    if sent:
        # What the worker's poll of the queue does (running the whole worker loop here would
        # close the test's database connection on PostgreSQL).
        assert mail_deliver_due() == len(SIGNERS) + 2
        assert not OutgoingMail.objects.exists()
        message = next(m for m in mail.outbox if m.to == [SIGNERS[0][2]])
        confirm = next(url for url in links_in(message) if "/confirm/" in url)
        assert form_post(path_of(confirm)).status_code == 302
        petition_services.tallies_update()
        assert Signature.objects.confirmed().count() == 1
        # It asked to be kept informed: its address is now a subscriber's, still unreadable.
        assert Subscription.objects.mailable().count() == 1

    text, raw = dump_rows()
    assert ORGANISATION in text  # the dump works
    for secret in secrets_typed():
        for form in {secret, secret.lower(), secret.upper(), secret.casefold()}:
            assert form not in text, f"{form!r} found in the database"
            assert form.encode() not in raw, f"{form!r} found in the database as bytes"
            assert form.encode("utf-16-le") not in raw, f"{form!r} found as UTF-16"
