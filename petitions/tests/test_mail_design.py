"""The petition's mails as a mail program shows them: a branded HTML part with the logo as
a part of the mail (no remote image), one real button for the one action, the privacy note
in the footer, and the same content as plain text."""

import re

import pytest

from outbox.services import MAIL_LOGO_CID, render_message

# Writing a mail looks up the campaign's own text of it (outbox.MailText).
pytestmark = pytest.mark.django_db

CONTEXT = {
    "petitions/mail/confirm": {
        "confirm_url": "https://site.example/nl/sign/confirm/TOKEN/",
        "delete_url": "https://site.example/nl/sign/delete/DEL/",
        "expires_hours": 48,
    },
    "petitions/mail/already_signed": {"delete_url": "https://site.example/nl/sign/delete/DEL/"},
    "newsletter/mail/confirm": {
        "confirm_url": "https://site.example/nl/newsletter/confirm/TOKEN/",
        "unsubscribe_url": "https://site.example/nl/newsletter/unsubscribe/U/",
        "hours": 48,
    },
    "coalition/mail/confirm": {
        "confirm_url": "https://site.example/nl/join/confirm/TOKEN/",
        "hours": 48,
    },
}


@pytest.mark.parametrize("template", CONTEXT)
def test_html_mail_is_branded_and_self_contained(template):
    payload = {"to": "a@example.org", "context": CONTEXT[template], "headers": {}}
    message = render_message(template=template, language="nl", payload=payload).message()
    assert message.get_content_type() == "multipart/related"
    alternative, logo = message.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    text, html = (part.get_payload(decode=True).decode() for part in alternative.get_payload())
    assert logo.get_content_type() == "image/png"
    assert logo["Content-ID"] == f"<{MAIL_LOGO_CID}>"
    assert logo.get_payload(decode=True).startswith(b"\x89PNG")

    assert f'src="cid:{MAIL_LOGO_CID}"' in html
    assert not re.search(r"""src=["']?https?:""", html), "no remote images"
    assert "<style" not in html and "<link" not in html, "inline styles only"
    # The one action is a button: a link styled as one, inside its own cell.
    buttons = re.findall(r'<a href="([^"]+)" style="display:inline-block;padding', html)
    assert len(buttons) == 1
    assert buttons[0] in text, "the plain-text part carries the same link"
    assert "Deze e-mail bevat geen volgpixels en geen volglinks." in html  # the privacy note


def test_the_logo_is_attached_once_even_with_two_parts_naming_it():
    payload = {"to": "a@example.org", "context": CONTEXT["coalition/mail/confirm"], "headers": {}}
    message = render_message(template="coalition/mail/confirm", language="en", payload=payload)
    assert len(message.attachments) == 1
