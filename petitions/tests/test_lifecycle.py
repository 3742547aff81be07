"""The campaign's lifecycle: open, paused, closed, delivered. Set in the admin, and every
call to action, the sign page, the counter and the home page's sign box say the same."""

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings

from campaigns.models import Campaign
from core.formguard import issue_token
from news.models import NewsItem
from petitions import services
from petitions.forms import ResendForm, SignForm
from petitions.models import Signature
from petitions.tests.test_flow import SIGN_URL, link, press, sign

pytestmark = pytest.mark.django_db


def set_state(state: str, **fields) -> Campaign:
    campaign = Campaign.objects.get()
    campaign.state = state
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.save()
    return campaign


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_open_invites_everyone_to_sign(client, content):
    home = page(client, "/en/")
    assert "Join 133 NGOs and sign the petition" in home
    assert 'class="sign-form' in home or "<form" in home
    assert ">Sign<" in home


def test_paused_says_so_everywhere_and_takes_no_signature(client, content):
    set_state("paused")
    home = page(client, "/en/")
    assert "Signing is paused: read the petition" in home
    assert "Join 133 NGOs" not in home
    assert "Signing is paused at the moment" in home
    response = client.get(SIGN_URL)
    assert response.status_code == 503 and "<form" not in response.content.decode()


@pytest.mark.parametrize("state", ["closed", "delivered"])
def test_over_means_no_sign_form_anywhere_and_the_final_count(client, content, state):
    """Closed or delivered: no sign form on any page, the calls to action lead to the
    result, the counter gives the final number with thanks, and a signature is refused."""
    set_state(state)
    for path in ["/en/", "/en/how-CSAR-affects-us.html", "/nl/"]:
        html = page(client, path)
        assert 'name="first_name"' not in html, path
        # The site's own calls to action; the share text and description are the campaign's
        # own words, which it edits when it closes.
        assert "ngos and sign the petition" not in html.lower(), path
        assert ">sign<" not in html.lower(), path
    home = page(client, "/en/")
    assert "Signing has ended: see the result" in home
    assert ">The petition<" in home
    assert "Thank you!" in home and "Our goal" not in home
    closed = client.get("/en/sign/")
    assert closed.status_code == 200
    body = closed.content.decode()
    assert 'name="first_name"' not in body and "Thank you!" in body
    assert "Signing has ended" in body
    data = {
        "form_token": issue_token(SignForm.token_scope()),
        "first_name": "A",
        "last_name": "B",
        "country": "NL",
    }
    assert client.post("/en/sign/", {**data, "email": "a@example.org"}).status_code == 410
    assert not Signature.objects.exists()


def test_delivered_names_the_date_the_recipient_and_the_news(client, content):
    news = NewsItem.objects.first()
    campaign = set_state("delivered", delivered_on=dt.date(2026, 11, 20), delivery_news=news)
    translation = campaign.translations.get(language="en")
    translation.delivered_to = "the LIBE committee"
    translation.save()
    body = page(client, "/en/sign/")
    assert "On Nov. 20, 2026 we handed the petition to the LIBE committee." in body
    assert f"/en/news/{news.slug}/" in body


def test_operators_switch_pauses_an_open_petition_but_never_reopens_a_closed_one(client, content):
    with override_settings(SIGNING_PAUSED=True):
        assert client.get(SIGN_URL).status_code == 503
        set_state("closed")
        assert client.get(SIGN_URL).status_code == 200
        assert "Tekenen is voorbij" in client.get(SIGN_URL).content.decode()


def test_a_signature_made_while_open_can_be_confirmed_after_closing(client, petition):
    """The decision (docs/privacy.md): someone who signed while the petition was open may
    confirm until their link expires, and counts; closing stops new signatures only."""
    sign(client)
    petition.state = "closed"
    petition.save()
    assert press(client, link(mail.outbox[-1], "confirm")).status_code == 302
    assert Signature.objects.confirmed().count() == 1
    assert services.tallies_update() == 1


def test_no_new_confirmation_link_once_closed(client, petition):
    """Resending the confirmation would reopen signing: refused once the petition is over."""
    sign(client)
    petition.state = "closed"
    petition.save()
    response = client.post(
        "/nl/sign/resend/",
        {"form_token": issue_token(ResendForm.token_scope()), "email": "Anna.Jansen@Example.org"},
    )
    assert response.status_code == 410
    assert len(mail.outbox) == 1
