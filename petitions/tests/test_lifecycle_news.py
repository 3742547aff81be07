"""The lifecycle beyond the sign page: the thank-you page after a late confirmation, the news
feed, and the news item that a delivery publishes by itself."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from campaigns.models import Campaign
from campaigns.services import campaign_delivery_news_ensure, campaigner_group_ensure
from news.models import NewsItem
from petitions.tests.test_flow import link, press, sign

pytestmark = pytest.mark.django_db


def test_thanks_after_a_confirmation_once_closed_says_signing_has_ended(client, petition):
    """A link sent while open confirms after closing; the thank-you page then says the
    signature is in the final result, and asks nobody to sign."""
    sign(client)
    thanks = client.get(press(client, link(mail.outbox[-1], "confirm"))["Location"]).text
    assert "will be counted within a few seconds" in thanks or "binnen enkele" in thanks
    petition.state = "closed"
    petition.save()
    thanks = client.get("/en/sign/thanks/").text
    assert "Your signature is confirmed and counts in the final result." in thanks
    assert "Signing has ended. Thank you to everyone who signed" in thanks
    assert "Please ask your friends" not in thanks


@pytest.mark.parametrize(
    ("state", "sentence"),
    [
        ("open", None),
        ("paused", "Signing is paused at the moment."),
        ("closed", "Signing has ended. Thank you to everyone who signed"),
        ("delivered", "Signing has ended, and we have handed the petition over."),
    ],
)
def test_the_feed_says_the_state(client, content, state, sentence):
    campaign = Campaign.objects.get()
    campaign.state = state
    campaign.save()
    feed = client.get("/en/news/feed/").text
    if sentence is None:
        assert "Signing" not in feed.split("<entry>")[0]
    else:
        assert sentence in feed.split("<entry>")[0]


def test_delivery_publishes_a_news_item_in_every_published_language(client, content):
    campaign = Campaign.objects.get()
    campaign.published_languages = ["nl", "en", "de"]
    campaign.state = "delivered"
    campaign.delivered_on = dt.date(2026, 12, 3)
    campaign.save()
    campaign.translations.filter(language="en").update(delivered_to="the LIBE committee")
    item = campaign_delivery_news_ensure(campaign=campaign)
    assert item is not None
    campaign.refresh_from_db()
    assert campaign.delivery_news == item
    assert set(item.translations.values_list("language", flat=True)) == {"nl", "en", "de"}
    english = item.translations.get(language="en")
    assert english.title == "We have handed over the petition"
    assert english.teaser == (
        "Signing has ended. On Dec. 3, 2026 we handed the petition to the LIBE committee."
    )
    # Only once: a second save changes nothing, and the item stays editable.
    assert campaign_delivery_news_ensure(campaign=campaign) is None
    assert NewsItem.objects.filter(slug__startswith="petition-delivered").count() == 1
    # It is on the news page, in the feed and linked from the petition.
    assert english.title in client.get("/en/news/").text
    assert english.title in client.get("/en/news/feed/").text
    assert f"/en/news/{item.slug}/" in client.get("/en/sign/").text


def test_setting_delivered_in_the_admin_creates_the_news_item(client, content):
    user = User.objects.create_user("campaigner", "team@campaign.example", "pw", is_staff=True)
    user.groups.add(campaigner_group_ensure())
    client.force_login(user)
    campaign = Campaign.objects.get()
    url = reverse("admin:campaigns_campaign_change", args=[campaign.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"share_image", "delivery_news"}
    }
    data.update(
        published_languages=campaign.published_languages,
        state="delivered",
        delivered_on="",
    )
    inline = client.get(url).context["inline_admin_formsets"][0].formset
    management = inline.management_form
    data.update({f"{inline.prefix}-{k}": v for k, v in management.initial.items()})
    for index, sub in enumerate(inline.forms):
        for name, field in sub.fields.items():
            value = sub.initial.get(name, field.initial)
            if value is not None and name != "DELETE":
                data[f"{inline.prefix}-{index}-{name}"] = value
    data[f"{inline.prefix}-TOTAL_FORMS"] = len(inline.forms)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    campaign.refresh_from_db()
    assert campaign.state == "delivered"
    assert campaign.delivery_news is not None
    assert campaign.delivered_on is not None


@pytest.mark.parametrize("state", ["closed", "delivered", "paused"])
def test_news_pages_and_the_home_page_invite_no_signature_unless_open(client, content, state):
    item = NewsItem.objects.filter(published=True).first()
    campaign = Campaign.objects.get()
    campaign.state = state
    campaign.save()
    detail = client.get(f"/en/news/{item.slug}/").text
    assert 'class="sign-cta"' in detail
    assert ">Sign the petition<" not in detail
    expected = "Signing is paused: read the petition" if state == "paused" else "see the result"
    assert expected in detail
    assert "sticky-sign" not in client.get("/en/").text


def test_open_news_pages_invite_to_sign(client, content):
    item = NewsItem.objects.filter(published=True).first()
    assert ">Sign the petition<" in client.get(f"/en/news/{item.slug}/").text
    assert "sticky-sign" in client.get("/en/").text


def test_an_old_link_once_closed_invites_no_new_signature(client, petition):
    petition.state = "closed"
    petition.save()
    page = client.get("/en/sign/confirm/no-such-token/")
    text = page.text
    assert "it is in the final count" in text
    assert "please sign again" not in text and "Sign again" not in text
