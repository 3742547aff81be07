"""The newsletter mails through a real SMTP server (aiosmtpd on 127.0.0.1)."""

import re

import pytest

from core.tests.support import path_of
from newsletter.models import Subscription
from outbox.models import OutgoingMail

pytestmark = pytest.mark.django_db


def test_subscribe_receive_by_smtp_confirm_and_one_click_unsubscribe(
    client,
    form_post,
    smtp_server,
):
    """The SMTP server receives a Dutch confirmation mail carrying the RFC 8058 headers;
    its confirm link confirms and the List-Unsubscribe URL unsubscribes with one POST."""
    assert form_post("/nl/newsletter/", {"email": "lezer@example.nl"}).status_code == 302
    assert not OutgoingMail.objects.exists()  # sent, so the address is gone from the outbox

    [message] = smtp_server.messages
    assert smtp_server.recipients == [["lezer@example.nl"]]
    assert message["Content-Language"] == "nl"
    assert message["Subject"] == "Bevestig je abonnement op de nieuwsbrief van Stop Scanning Me"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message["List-Unsubscribe"].strip()  # long headers arrive folded
    unsubscribe_url = re.fullmatch(r"<(https?://\S+)>", header).group(1)
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert unsubscribe_url in plain and unsubscribe_url in html
    assert 'lang="nl"' in html
    confirm_url = next(u for u in re.findall(r"https?://\S+", plain) if "/confirm/" in u)

    assert form_post(path_of(confirm_url)).status_code == 302
    assert Subscription.objects.confirmed().count() == 1

    response = client.post(
        path_of(unsubscribe_url),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_subscription_survives_a_mail_server_outage(form_post, smtp_server):
    """When the mail server refuses, the subscription is stored and the mail stays queued
    (encrypted) for a retry."""
    smtp_server.refuse_next = 1
    assert form_post("/nl/newsletter/", {"email": "lezer@example.nl"}).status_code == 302
    assert Subscription.objects.count() == 1
    queued = OutgoingMail.objects.get()
    assert queued.attempts == 1
    assert b"lezer@example.nl" not in bytes(queued.payload)
