"""An update sent to subscribers in two languages while its worker is killed with kill -9
and restarted, three times. Counted at a real SMTP server: every subscriber gets it exactly
once, in their language, and every delivery ends as sent."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator

import pytest

from .mail_support import MailSite, addresses, mail_world, wait_for

pytestmark = pytest.mark.chaos

SUBSCRIBERS = 200
KILLS = 3
SEED = """
from newsletter import services
from newsletter.models import Subscription, Update, UpdateTranslation
from newsletter.tests.factories import SubscriptionFactory

Subscription.objects.bulk_create(
    SubscriptionFactory.build(email=f"chaos-{{n:04d}}@example.org", language=language)
    for n, language in ((n, "en" if n % 3 else "nl") for n in range({count}))
)
update = Update.objects.create(name="Chaos")
for language in ("nl", "en"):
    UpdateTranslation.objects.create(
        update=update, language=language, subject=f"Update {{language}}", body="*Hello*"
    )
print(services.update_queue(update=update))
"""


@pytest.fixture
def site(request: pytest.FixtureRequest) -> Iterator[MailSite]:
    with mail_world(request) as world:
        world.env["UPDATE_MAILS_PER_MINUTE"] = "100000"
        yield world


def test_kill_9_mid_update_sends_each_subscriber_one_mail(site: MailSite) -> None:
    smtp = site.smtp.start()
    smtp.pace = 0.1  # 200 mails take at least 20 s: the kills land mid-send
    queued = site.manage("shell", "-c", SEED.format(count=SUBSCRIBERS)).split()[-1]
    assert queued == str(SUBSCRIBERS)
    started = time.monotonic()
    worker = site.start_worker()
    for kill in range(KILLS):
        wait_for(
            lambda kill=kill: len(smtp.messages) >= (kill + 1) * SUBSCRIBERS // (KILLS + 2),
            timeout=60,
            what=f"mails before kill {kill + 1}",
            explain=site.state,
        )
        site.kill(worker)
        worker = site.start_worker()
    site.wait_until_delivered(smtp, SUBSCRIBERS, timeout=90)
    wait_for(
        lambda: (
            site.count("SELECT COUNT(*) FROM newsletter_delivery WHERE status = %s", "sent")
            == SUBSCRIBERS
        ),
        timeout=30,
        what="every delivery settled as sent",
        explain=site.state,
    )
    elapsed = time.monotonic() - started

    recipients = [to for [to] in smtp.recipients]
    assert len(recipients) == SUBSCRIBERS, "an update was lost or sent twice"
    assert set(recipients) == addresses(SUBSCRIBERS)
    languages = Counter(str(message["Content-Language"]) for message in smtp.messages)
    assert languages == {"nl": (SUBSCRIBERS + 2) // 3, "en": SUBSCRIBERS - (SUBSCRIBERS + 2) // 3}
    assert all(message["List-Unsubscribe-Post"] for message in smtp.messages)
    dump = site.dump()
    assert not any(address in dump for address in addresses(SUBSCRIBERS))
    print(f"\n{SUBSCRIBERS} update mails, {KILLS} kills: each delivered once in {elapsed:.1f} s")
