"""The worker killed with kill -9 in the middle of sending mail, then restarted at once.

Measured at a real SMTP server, by Message-ID: no mail is lost, none is sent twice, the killed
worker's claims are released within seconds (not after the 5-minute lease). Half the kills
land at the worst moment SMTP has: the server has taken a message and not yet said so (it waits
0.3 s before its "250" then); the others land wherever the worker happens to be in its poll of
the queue.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from .mail_support import MailSite, addresses, mail_world, wait_for

pytestmark = pytest.mark.chaos

MAILS = 100
KILLS = 4
RELEASE_WITHIN = 10.0  # seconds; heartbeats every 1 s here, dead after three missed beats


@pytest.fixture
def site(request: pytest.FixtureRequest) -> Iterator[MailSite]:
    with mail_world(request) as world:
        yield world


def test_kill_9_mid_send_loses_no_mail_and_sends_none_twice(site: MailSite) -> None:
    smtp = site.smtp.start()
    # A slow server: 100 mails take at least 15 s, so mail is still to come at every kill
    # (unpaced, a worker restarted during one kill's wait sent all the rest before the next).
    smtp.pace = 0.15
    worker = site.start_worker()
    wait_for(
        lambda: site.count("SELECT COUNT(*) FROM core_workerheartbeat") == 1,
        timeout=20,
        what="the worker's first heartbeat",
    )
    site.enqueue(MAILS)
    started = time.monotonic()
    releases: list[float] = []
    for kill in range(KILLS):
        wait_for(
            lambda kill=kill: len(smtp.messages) >= (kill + 1) * MAILS // (KILLS + 2),
            timeout=30,
            what=f"mails before kill {kill + 1}",
        )
        ambiguous = kill % 2 == 0
        if ambiguous:
            smtp.accepting.clear()
            smtp.reply_delay = 0.3
            assert smtp.accepting.wait(timeout=10), "no message reached the server"
        site.kill(worker)
        smtp.reply_delay = 0.0
        if ambiguous:
            # The message the server took when the worker died is recorded as handed over:
            # it will never be sent again.
            assert site.claims_of(worker.pid, status="handed_over") == 1
        dead = worker.pid
        worker = site.start_worker()
        releases.append(
            wait_for(
                lambda dead=dead: site.claims_of(dead) == 0,
                timeout=RELEASE_WITHIN,
                what=f"claims of the worker killed ({kill + 1})",
                explain=site.state,
            )
        )
    site.wait_until_delivered(smtp, MAILS, timeout=45)
    elapsed = time.monotonic() - started

    ids = smtp.message_ids
    recipients = [to for [to] in smtp.recipients]
    assert len(ids) == len(set(ids)) == MAILS, "a mail was sent twice"
    assert sorted(recipients) == sorted(addresses(MAILS)), "a mail was lost or sent twice"
    # The mail row is the whole queue: no task row per mail.
    assert site.count("SELECT COUNT(*) FROM django_tasks_database_dbtaskresult") == 0
    print(  # the measurement, shown with -s
        f"\n{MAILS} mails, {KILLS} kills: delivered once each in {elapsed:.1f} s; "
        f"claims released {', '.join(f'{r:.1f}' for r in releases)} s after each kill"
    )
