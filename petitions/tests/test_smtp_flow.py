"""The signing journey with a real SMTP server receiving the mail."""

import re

import pytest

from core.tests.support import form_token, path_of
from outbox.models import OutgoingMail
from petitions import services
from petitions.models import Signature

pytestmark = pytest.mark.django_db


def test_sign_in_dutch_receive_by_smtp_and_confirm(client, petition, smtp_server):
    """The SMTP server receives one Dutch message (plain and HTML) for the signer; its
    links work with the test client and confirm the signature."""
    data = {
        "form_token": form_token(client, "/nl/sign/"),
        "first_name": "Jan",
        "last_name": "de Vries",
        "email": "jan.devries@example.nl",
        "country": "NL",
    }
    assert client.post("/nl/sign/", data).status_code == 302
    assert not OutgoingMail.objects.exists()

    [message] = smtp_server.messages
    assert smtp_server.recipients == [["jan.devries@example.nl"]]
    assert message["To"] == "jan.devries@example.nl"
    assert message["Content-Language"] == "nl"
    assert message["Subject"] == "Bevestig je handtekening"
    assert "Stop Scanning Me" in message["From"]
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert 'lang="nl"' in html
    urls = re.findall(r"https?://\S+", plain)
    confirm = path_of(next(u for u in urls if "/sign/confirm/" in u))
    delete = path_of(next(u for u in urls if "/sign/delete/" in u))
    assert confirm in html and delete in html

    assert client.get(confirm).status_code == 200
    assert client.get(delete).status_code == 200
    assert client.post(confirm, {"form_token": form_token(client, confirm)}).status_code == 302
    assert Signature.objects.get().confirmed_at is not None
    services.tallies_update()
    assert client.get("/nl/sign/count.json").json()["count"] == 1
