"""The newsletter through the test client: subscribe, mail, confirm, unsubscribe."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from core.tests.support import links_in, path_of
from newsletter import services
from newsletter.models import Subscription
from newsletter.tests.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db

ADDRESS = "Anna.Reader+news@Example.org"


def subscribe(form_post, *, email=ADDRESS, language="nl"):
    return form_post(f"/{language}/newsletter/", {"email": email})


def test_whole_flow_subscribe_confirm(client, form_post, outbox):
    """Subscribe -> one mail with unsubscribe headers -> GET confirm changes nothing ->
    POST confirms -> thank-you page; the link cannot be used twice."""
    response = subscribe(form_post)
    assert response.status_code == 302
    assert response["Location"] == "/nl/newsletter/check-your-inbox/"
    assert not response.cookies
    assert client.get(response["Location"]).status_code == 200

    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.language == "nl"
    assert subscription.consent_version == services.CONSENT_VERSION

    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == [ADDRESS]
    assert message.extra_headers["Content-Language"] == "nl"
    assert "nieuwsbrief" in message.subject.lower()
    confirm_url, unsubscribe_url = links_in(message)
    assert "/nl/newsletter/confirm/" in confirm_url
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url.startswith(settings.SITE_URL + "/nl/newsletter/unsubscribe/")
    html = message.alternatives[0][0]
    assert confirm_url in html and unsubscribe_url in html

    # A mail scanner opening the link confirms nothing.
    page = client.get(path_of(confirm_url))
    assert page.status_code == 200
    assert b"<form" in page.content
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None

    done = form_post(path_of(confirm_url))
    assert done.status_code == 302
    assert done["Location"] == "/nl/newsletter/thank-you/"
    assert client.get(done["Location"]).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert subscription.token_hash is None

    # Replaying the used link: a clear page, nothing changes.
    replay = form_post(path_of(confirm_url))
    assert replay.status_code == 404
    assert client.get(path_of(confirm_url)).status_code == 404


def test_english_subscription_mail_is_english(form_post, outbox):
    """A subscription made on the English page is in English, and so is its mail."""
    subscribe(form_post, language="en")
    assert Subscription.objects.get().language == "en"
    message = outbox[0]
    assert message.extra_headers["Content-Language"] == "en"
    assert "confirm" in message.subject.lower()
    assert all("/en/newsletter/" in link for link in links_in(message))


def test_confirm_without_form_token_is_refused(client, form_post, outbox):
    """A POST to the confirm link without our form token shows an error and confirms nothing."""
    subscribe(form_post)
    confirm_url = links_in(outbox[0])[0]
    response = client.post(path_of(confirm_url))
    assert response.status_code == 400
    assert Subscription.objects.get().confirmed_at is None


def test_subscribing_twice_changes_nothing(client, form_post, outbox):
    """A second subscription of a confirmed address answers the same, changes nothing, and
    mails the address (not the person at the form) that it is already subscribed."""
    subscribe(form_post)
    confirm_url = links_in(outbox[0])[0]
    form_post(path_of(confirm_url))
    before = Subscription.objects.values().get()

    # Another spelling of the same inbox, from the English page.
    second = subscribe(form_post, email="  anna.reader@EXAMPLE.org ", language="en")
    assert second.status_code == 302
    assert second["Location"] == "/en/newsletter/check-your-inbox/"
    assert Subscription.objects.values().get() == before
    assert len(outbox) == 2
    notice = outbox[1]
    assert notice.extra_headers["Content-Language"] == "nl"  # the subscription's language
    assert "List-Unsubscribe" in notice.extra_headers
    (unsubscribe_url,) = links_in(notice)
    assert unsubscribe_url in notice.extra_headers["List-Unsubscribe"]


def test_subscribing_again_before_confirming_sends_a_fresh_link(form_post, outbox):
    """An unconfirmed address typed again gets a new working link; still one row."""
    subscribe(form_post)
    subscribe(form_post)
    assert Subscription.objects.count() == 1
    old_link, new_link = links_in(outbox[0])[0], links_in(outbox[1])[0]
    assert old_link != new_link
    assert form_post(path_of(old_link)).status_code == 404
    assert form_post(path_of(new_link)).status_code == 302
    assert Subscription.objects.get().confirmed_at is not None


def test_mails_per_address_are_limited(form_post, outbox):
    """However often an address is typed in, it receives at most a few mails an hour."""
    for _ in range(settings.MAILS_PER_ADDRESS_PER_HOUR + 3):
        assert subscribe(form_post).status_code == 302
    assert len(outbox) == settings.MAILS_PER_ADDRESS_PER_HOUR


def test_expired_confirmation_link(client, form_post, outbox):
    """After CONFIRMATION_TOKEN_HOURS the link says it has expired (410) and confirms
    nothing."""
    subscribe(form_post)
    Subscription.objects.update(token_expires_at=timezone.now() - dt.timedelta(seconds=1))
    confirm_url = links_in(outbox[0])[0]
    page = client.get(path_of(confirm_url))
    assert page.status_code == 410
    assert "<h1>Deze link is verlopen</h1>" in page.content.decode()
    assert form_post(path_of(confirm_url)).status_code == 410
    assert Subscription.objects.get().confirmed_at is None


def test_unsubscribe_with_visible_link_and_button(client, form_post, outbox):
    """The visible link shows a button (GET deletes nothing); its POST deletes the row."""
    subscribe(form_post)
    form_post(path_of(links_in(outbox[0])[0]))
    unsubscribe_url = links_in(outbox[0])[1]

    page = client.get(path_of(unsubscribe_url))
    assert page.status_code == 200
    assert b"<form" in page.content
    assert Subscription.objects.count() == 1

    done = client.post(path_of(unsubscribe_url))
    assert done.status_code == 200
    assert not Subscription.objects.exists()
    # The link is now dead, and says so.
    assert client.get(path_of(unsubscribe_url)).status_code == 404
    assert client.post(path_of(unsubscribe_url)).status_code == 404


def test_rfc8058_one_click_unsubscribe(client, form_post, outbox):
    """A mail program's one-click POST (List-Unsubscribe=One-Click, no form token, a foreign
    or missing Origin) to the List-Unsubscribe URL deletes the subscription."""
    subscribe(form_post)
    message = outbox[0]
    header_url = message.extra_headers["List-Unsubscribe"].strip("<>")
    response = client.post(
        path_of(header_url),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        headers={"Origin": "https://mail.example.net", "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_unknown_unsubscribe_token_deletes_nothing(client):
    """A made-up unsubscribe token deletes nothing."""
    SubscriptionFactory()
    assert client.post("/nl/newsletter/unsubscribe/" + "a" * 64 + "/").status_code == 404
    assert client.post("/nl/newsletter/unsubscribe/" + "x" * 500 + "/").status_code == 404
    assert Subscription.objects.count() == 1


def test_unsubscribe_token_is_not_in_the_database():
    """The database holds only the hash of the unsubscribe secret, not the secret."""
    subscription = SubscriptionFactory()
    token = services.unsubscribe_token(subscription=subscription)
    assert token not in str(Subscription.objects.values().get())
    assert services.subscription_delete(token=token)


def test_purge_unconfirmed(form_post, outbox):
    """Unconfirmed subscriptions older than UNCONFIRMED_RETENTION_DAYS are purged; newer
    and confirmed ones stay."""
    old = timezone.now() - dt.timedelta(days=settings.UNCONFIRMED_RETENTION_DAYS, hours=1)
    stale = SubscriptionFactory(confirmed_at=None)
    fresh = SubscriptionFactory(confirmed_at=None)
    kept = SubscriptionFactory()
    Subscription.objects.filter(pk__in=[stale.pk, kept.pk]).update(created_at=old)
    assert services.subscriptions_purge_unconfirmed() == 1
    assert set(Subscription.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}


def test_home_page_box_renders_the_form():
    """{% subscribe_box %} renders the real subscribe form with its form token."""
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("nl"):
        html = Template("{% load newsletter_tags %}{% subscribe_box %}").render(Context({}))
    assert 'action="/nl/newsletter/"' in html
    assert 'name="form_token"' in html
    assert 'name="email"' in html


def test_unsubscribe_link_survives_a_secret_key_rotation(client):
    """With the old key kept in SECRET_KEY_FALLBACKS, the unsubscribe link of an existing
    subscription stays the same and keeps working."""
    from django.test import override_settings

    subscription = SubscriptionFactory()
    before = services.unsubscribe_url(subscription=subscription)
    with override_settings(
        SECRET_KEY="a-new-secret-key-" + "x" * 40, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]
    ):
        assert services.unsubscribe_url(subscription=subscription) == before
        assert client.post(path_of(before)).status_code == 200
    assert not Subscription.objects.exists()
