"""The mail server down for a while, then greylisting (450 naming the address, as Postfix
does), then up: every queued mail is delivered once, retries back off, and meanwhile nothing
about the recipients is stored in clear (a dump of the whole database and the worker's log
are searched for the addresses and the server's words)."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator

import pytest

from outbox.tests.smtp import RecordingHandler

from .mail_support import MailSite, addresses, mail_world, wait_for

pytestmark = pytest.mark.chaos

MAILS = 30
GREYLIST = "450 4.2.0 <{address}>: Recipient address rejected: Greylisted, try again later"


@pytest.fixture
def site(request: pytest.FixtureRequest) -> Iterator[MailSite]:
    with mail_world(request) as world:
        yield world


def attempts(site: MailSite) -> list[int]:
    return [row[0] for row in site.sql("SELECT attempts FROM outbox_outgoingmail")]


def assert_nothing_in_clear(site: MailSite) -> None:
    """Neither the database nor the log names a recipient, or repeats the server's text."""
    for text in (site.dump(), site.worker_log()):
        lowered = text.lower()
        assert "chaos-00" not in lowered
        assert "greylisted" not in lowered and "recipient address rejected" not in lowered


def test_smtp_down_then_greylisting_then_up_delivers_every_mail_once(site: MailSite) -> None:
    site.enqueue(MAILS)
    worker = site.start_worker()
    started = time.monotonic()

    # Down: nothing listens on the port. Retries 1 s, 2 s, 4 s ... apart, never a tight loop.
    wait_for(
        lambda: min(attempts(site)) >= 2,
        timeout=20,
        what="every mail tried twice while the server is down",
        explain=site.state,
    )
    assert_nothing_in_clear(site)

    # Greylisting: the server answers, refusing each recipient with a reply that names it.
    greylisting = site.smtp.start(RecordingHandler(refuse_recipients=GREYLIST))
    wait_for(
        lambda: (
            site.count(
                "SELECT COUNT(*) FROM outbox_outgoingmail WHERE problem != 'recipient_refused'"
            )
            == 0
        ),
        timeout=30,
        what="every mail refused by greylisting",
        explain=site.state,
    )
    down_for = time.monotonic() - started
    tries = attempts(site)
    problems = site.sql("SELECT DISTINCT problem, smtp_code FROM outbox_outgoingmail")
    assert problems == [("recipient_refused", 450)]
    assert_nothing_in_clear(site)
    assert not greylisting.messages

    # Up.
    accepting = site.smtp.start(RecordingHandler())
    site.wait_until_delivered(accepting, MAILS, timeout=40)
    assert worker.poll() is None
    recipients = sorted(to for [to] in accepting.recipients)
    assert recipients == sorted(addresses(MAILS)), "a mail was lost or sent twice"
    assert len(set(accepting.message_ids)) == MAILS
    assert_nothing_in_clear(site)
    # Backoff: tried at 0 s, then 1, 2, 4 ... s later, a mail can have been tried at most
    # 1 + log2(down_for + 1) times (one more for the moment the worker started); a loop
    # without backoff would have tried hundreds of times.
    assert max(tries) <= 2 + math.log2(down_for + 1)
    print(  # the measurement, shown with -s
        f"\n{MAILS} mails: server down then greylisting for {down_for:.1f} s, "
        f"{min(tries)} to {max(tries)} tries each meanwhile, all delivered once "
        f"{time.monotonic() - started:.1f} s after the start"
    )
