"""A signer who ticks "keep me informed" becomes a subscriber when the signature is confirmed:
one list with the newsletter's, one unsubscribe, in the signer's language."""

import pytest
from django.core import mail

from core.tests.support import links_in, path_of
from newsletter.models import Subscription
from newsletter.tests.factories import SubscriptionFactory
from petitions.tests.test_flow import link, press, sign
from privacy import crypto

pytestmark = pytest.mark.django_db

ADDRESS = "Anna.Jansen@Example.org"


def confirm_signature(client) -> None:
    assert press(client, link(mail.outbox[-1], "confirm")).status_code == 302


def test_keep_me_informed_subscribes_on_confirmation_in_the_signers_language(client, petition):
    """Ticked: nothing is a subscription before the signature is confirmed, and no mail of
    its own is sent; on confirmation one confirmed subscription in English, its address
    the one typed (mailing key)."""
    sign(client, url="/en/sign/", consent="on")
    assert not Subscription.objects.confirmed().exists()
    assert len(mail.outbox) == 1
    confirm_signature(client)
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None
    assert subscription.language == "en"
    assert crypto.mailing_decrypt(subscription.address) == ADDRESS
    assert len(mail.outbox) == 1


def test_without_keep_me_informed_nobody_is_subscribed(client, petition):
    sign(client)
    confirm_signature(client)
    assert not Subscription.objects.exists()


def test_unticking_before_confirming_subscribes_no_one(client, petition):
    """Signing again unconfirmed without the tick: the confirmation subscribes no one."""
    sign(client, consent="on")
    sign(client)
    confirm_signature(client)
    assert not Subscription.objects.confirmed().exists()


def test_an_existing_subscriber_stays_one_subscription(client, petition):
    """Already subscribed in English: signing in Dutch with the tick changes nothing of it."""
    existing = SubscriptionFactory(email=ADDRESS.lower(), language="en")
    sign(client, consent="on")
    confirm_signature(client)
    assert Subscription.objects.get() == existing
    assert Subscription.objects.get().language == "en"


def test_a_pending_newsletter_subscription_is_confirmed_by_the_signature(
    client, form_post, petition
):
    """Subscribed by the form but not yet confirmed: confirming the signature (which proves
    the address) confirms it, in the language of the signature."""
    form_post("/en/newsletter/", {"email": ADDRESS})
    sign(client, consent="on")
    confirm_signature(client)
    subscription = Subscription.objects.get()
    assert (subscription.confirmed_at is not None, subscription.language) == (True, "nl")


def test_one_unsubscribe_ends_it(client, petition, form_post):
    """The unsubscribe link of the subscriber's mails removes the signer's subscription; the
    signature stays."""
    from newsletter.services import unsubscribe_url

    sign(client, consent="on")
    confirm_signature(client)
    url = unsubscribe_url(subscription=Subscription.objects.get())
    assert client.post(path_of(url)).status_code == 200
    assert not Subscription.objects.exists()
    assert links_in(mail.outbox[0])  # the petition's own mail is untouched
