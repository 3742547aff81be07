"""Finding 5: the coalition's confirmation mail was a relay for phishing. An organisation name
of 200 characters with links went to any address an applicant typed, as often as they liked.
Now the mail to the (unconfirmed) address carries nothing the applicant typed, and one
address gets at most MAILS_PER_ADDRESS_PER_HOUR of them."""

import pytest
from django.test import override_settings

from coalition.models import Organisation
from coalition.tests.factories import image_upload
from core.tests.support import links_in, path_of

pytestmark = pytest.mark.django_db

VICTIM = "someone@victim.example"
LURE = "Your bank account is locked, log in at https://bank-login.evil.example/now to unlock"
STATEMENT = "Call +31 20 000 0000 or visit www.evil.example"


def application(**overrides):
    return {
        "name": LURE[:200],
        "website": "https://evil.example",
        "country": "NL",
        "contact_email": VICTIM,
        "contact_name": "Bank Security Team https://evil.example",
        "statement": STATEMENT,
        "logo": image_upload(),
        **overrides,
    }


def test_the_mail_to_an_unconfirmed_address_carries_nothing_the_applicant_typed(
    client, form_post, outbox
):
    """Subject, text and HTML hold none of the name, website, contact name or statement;
    the link leads to our own page, which shows the application (escaped) with its button."""
    assert form_post("/nl/coalition/join/", application()).status_code == 302
    [message] = outbox
    html = message.alternatives[0][0]
    for part in (message.subject, message.body, html):
        assert "evil.example" not in part
        assert "bank" not in part.lower()
        assert "+31" not in part
    [link] = links_in(message)
    page = client.get(path_of(link)).content.decode()
    assert "Your bank account is locked" in page


@override_settings(MAILS_PER_ADDRESS_PER_HOUR=3)
def test_one_address_gets_at_most_the_limit_of_applications(form_post, outbox):
    """Eight applications naming one contact: three mails and three stored applications;
    every answer is the same "check your inbox"."""
    answers = [
        form_post("/nl/coalition/join/", application(contact_email=email))
        for email in [VICTIM, "Someone@Victim.example", "someone+x@victim.example"] + [VICTIM] * 5
    ]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/nl/coalition/join/check-your-inbox/")
    }
    assert len(outbox) == 3
    assert Organisation.objects.count() == 3
