"""Updates to subscribers, through the outbox and a real SMTP server (aiosmtpd): 1,000
subscribers in two languages, each gets the update once, in their language, with one-click
unsubscribe and nothing that tracks."""

import datetime as dt
import re
from collections import Counter

import pytest
from django.db import IntegrityError
from django.utils import timezone

from core.tests.support import dump_rows, path_of
from newsletter import services
from newsletter.models import Delivery, Subscription, Update, UpdateTranslation
from newsletter.tests.factories import SubscriptionFactory
from privacy import crypto

pytestmark = pytest.mark.django_db

ACTION = "https://stopscanningme.example/nl/sign/?src=update"


def make_subscribers(language: str, number: int, **fields) -> list[Subscription]:
    start = Subscription.objects.count()
    batch = [
        SubscriptionFactory.build(
            email=f"lezer{start + n}.{language}@voorbeeld.example", language=language, **fields
        )
        for n in range(number)
    ]
    return Subscription.objects.bulk_create(batch)


def make_update() -> Update:
    update = Update.objects.create(name="Vote result", call_to_action_url=ACTION)
    UpdateTranslation.objects.create(
        update=update,
        language="nl",
        subject="We hebben gewonnen",
        body="## Goed nieuws\n\nHet Parlement stemde *tegen*. [Lees meer](https://example.org/nl)",
        call_to_action_label="Teken ook",
    )
    UpdateTranslation.objects.create(
        update=update,
        language="en",
        subject="We won",
        body="## Good news\n\nParliament voted *against*. [Read more](https://example.org/en)",
        call_to_action_label="Sign too",
    )
    return update


def unsubscribe_link(message) -> str:
    return re.fullmatch(r"<(https?://\S+)>", message["List-Unsubscribe"].strip()).group(1)


def test_a_whole_send_in_two_languages_reaches_each_subscriber_once(client, smtp_server, settings):
    """600 Dutch and 400 English subscribers (and some who must get nothing: unconfirmed,
    bounced, without a readable address). Sent at 300 a minute by workers that stop and
    start between runs: exactly 1,000 mails, one per address, each in its language with
    both unsubscribe headers, plain text and HTML, the link as written and no image. One
    subscriber unsubscribes with the one-click POST halfway and gets nothing."""
    settings.UPDATE_MAILS_PER_MINUTE = 300
    make_subscribers("nl", 600)
    make_subscribers("en", 400)
    make_subscribers("nl", 3, confirmed_at=None)
    make_subscribers("en", 2, bounced_at=timezone.now())
    make_subscribers("nl", 2, address=b"")
    update = make_update()

    assert services.update_queue(update=update) == 1000
    assert services.update_queue(update=update) == 0  # started twice: nobody twice
    start = timezone.now()
    assert services.deliveries_hand_over(now=start) == 300
    assert services.deliveries_hand_over(now=start + dt.timedelta(seconds=30)) == 0  # the rate
    assert len(smtp_server.messages) == 300
    assert update.deliveries.counts() == {"queued": 700, "sending": 0, "sent": 300, "failed": 0}

    # Someone still waiting unsubscribes from an earlier mail's one-click link.
    leaving = Delivery.objects.filter(status="queued").order_by("-pk").first().subscription
    leaving_address = crypto.mailing_decrypt(leaving.address)
    url = services.unsubscribe_url(subscription=leaving)
    assert client.post(path_of(url), {"List-Unsubscribe": "One-Click"}).status_code == 200

    minute = start
    for _restart in range(5):  # each run as a freshly started worker would do it
        minute += dt.timedelta(minutes=1, seconds=1)
        services.deliveries_hand_over(now=minute)
    services.deliveries_settle()

    recipients = Counter(address for rcpt in smtp_server.recipients for address in rcpt)
    assert len(smtp_server.messages) == 999
    assert set(recipients.values()) == {1}
    assert leaving_address not in recipients
    assert update.deliveries.counts() == {"queued": 0, "sending": 0, "sent": 999, "failed": 0}
    languages = Counter(message["Content-Language"] for message in smtp_server.messages)
    assert languages == {"nl": 600, "en": 399} or languages == {"nl": 599, "en": 400}

    for message in smtp_server.messages[:50]:
        language = message["Content-Language"]
        [to] = [address.addr_spec for address in message["To"].addresses]
        assert to.endswith(f".{language}@voorbeeld.example")
        assert message["Subject"] == {"nl": "We hebben gewonnen", "en": "We won"}[language]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        link = unsubscribe_link(message)
        plain = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert link in plain and link in html
        assert ACTION in plain and f'href="{ACTION}"' in html
        assert "<img" not in html
        assert {"nl": "<em>tegen</em>", "en": "<em>against</em>"}[language] in html

    text, raw = dump_rows()
    for address in list(recipients)[:100]:
        assert address not in text and address.encode() not in raw


def test_the_same_update_cannot_be_recorded_twice_for_one_subscriber():
    [subscription] = make_subscribers("nl", 1)
    update = make_update()
    Delivery.objects.create(update=update, subscription=subscription, language="nl")
    with pytest.raises(IntegrityError):
        Delivery.objects.create(update=update, subscription=subscription, language="nl")


def test_one_language_only_and_later_subscribers(smtp_server):
    """Sent to the Dutch only; sent again later, it reaches only those who came since."""
    make_subscribers("nl", 3)
    make_subscribers("en", 2)
    update = make_update()
    assert services.update_queue(update=update, language="nl") == 3
    services.deliveries_hand_over()
    make_subscribers("nl", 1)
    assert services.update_queue(update=update, language="nl") == 1
    services.deliveries_hand_over()
    assert [m["Content-Language"] for m in smtp_server.messages] == ["nl"] * 4


def test_permanent_refusals_stop_mail_to_a_subscriber(smtp_server, settings):
    """A 5xx refusal fails the delivery (no retries) and, at UPDATE_BOUNCE_LIMIT, the
    subscription gets no more updates."""
    settings.UPDATE_BOUNCE_LIMIT = 2
    [subscription] = make_subscribers("nl", 1)
    smtp_server.refuse_recipients = "550 5.1.1 <{address}>: no such user"
    for _time in range(2):
        update = make_update()
        services.update_queue(update=update)
        services.deliveries_hand_over()
        services.deliveries_settle()
        assert update.deliveries.counts()["failed"] == 1
    subscription.refresh_from_db()
    assert subscription.bounces == 2 and subscription.bounced_at is not None
    assert services.update_queue(update=make_update()) == 0
