"""One mail, sent once, whatever happens to the worker sending it.

The hand-over is recorded just before SMTP's final "." (the moment the server takes the
message); a worker that has lost its claim by then (taken for dead, its mail released to
another) drops the connection instead and the server discards the message. What a dead worker
leaves behind is released by core.workers: a mail it had handed over counts as delivered; one
it had not goes again at once.
"""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from core import workers
from core.models import WorkerHeartbeat
from outbox import services
from outbox.backends import SMTPBackend
from outbox.models import OutgoingMail
from outbox.tests.smtp import smtp_settings

pytestmark = pytest.mark.django_db

QUEUED_ONLY = override_settings(OUTBOX_SEND_AT_ONCE=False)
Status = OutgoingMail.Status


def enqueue(recipient: str = "reader@example.org") -> OutgoingMail:
    with QUEUED_ONLY:  # queued only: the test decides when it is sent
        return services.mail_enqueue(
            template="petitions/mail/already_signed",
            recipient=recipient,
            language="nl",
            context={"delete_url": "http://testserver/nl/sign/delete/abc/"},
        )


class TakenOverBackend(SMTPBackend):
    """While this worker talks to the server, the others take it for dead and another worker
    claims its mail (as the reaper and a second worker would)."""

    def _send(self, email_message):  # type: ignore[no-untyped-def]
        OutgoingMail.objects.update(claimed_by="another-worker")
        return super()._send(email_message)


class WatchedBackend(SMTPBackend):
    """Notes the mail's status at the moment the final "." is about to go."""

    seen: list[str] = []

    def _send(self, email_message):  # type: ignore[no-untyped-def]
        record = self.before_end_of_data

        def watched() -> None:
            assert record is not None
            record()
            self.seen.append(OutgoingMail.objects.get().status)

        self.before_end_of_data = watched
        return super()._send(email_message)


def test_the_hand_over_is_recorded_before_the_end_of_data(smtp_server):
    WatchedBackend.seen = []  # a class attribute: a run before this one would leave its note
    mail = enqueue()
    with override_settings(EMAIL_BACKEND=f"{__name__}.WatchedBackend"):
        assert services.mail_deliver(mail_id=mail.pk) is True
    assert WatchedBackend.seen == [Status.HANDED_OVER]
    assert len(smtp_server.messages) == 1
    assert not OutgoingMail.objects.exists()


def test_a_worker_that_lost_its_claim_does_not_finish_the_send(smtp_server):
    """Its connection is dropped before the final ".": the server gets nothing, the mail
    stays with the worker that took it over."""
    mail = enqueue()
    with override_settings(EMAIL_BACKEND=f"{__name__}.TakenOverBackend"):
        assert services.mail_deliver(mail_id=mail.pk) is True
    assert smtp_server.messages == []
    row = OutgoingMail.objects.get()
    assert (row.status, row.claimed_by) == (Status.QUEUED, "another-worker")


def test_every_try_of_a_mail_carries_the_same_message_id(smtp_server):
    """Refused once (451 after the data), then accepted: the server saw one Message-ID."""
    smtp_server.refuse_next = 1
    mail = enqueue()
    services.mail_deliver(mail_id=mail.pk)
    OutgoingMail.objects.update(next_attempt_at=timezone.now())
    services.mail_deliver(mail_id=mail.pk)
    assert len(smtp_server.refused_ids) == 1
    assert smtp_server.message_ids == smtp_server.refused_ids
    assert smtp_server.message_ids[0].endswith("@testserver>")


def dead_worker(worker_id: str = "dead-1") -> str:
    long_ago = timezone.now() - workers.dead_after() - dt.timedelta(seconds=1)
    WorkerHeartbeat.objects.create(worker_id=worker_id, started_at=long_ago, seen_at=long_ago)
    return worker_id


def claimed(mail: OutgoingMail, *, by: str, status: str = Status.QUEUED) -> None:
    OutgoingMail.objects.filter(pk=mail.pk).update(
        claimed_by=by, status=status, next_attempt_at=timezone.now() + services.SEND_LEASE
    )


def test_a_dead_workers_mails_are_released_at_once(smtp_server):
    """Killed mid-send: the mail it had not handed over is sent again by the reaper (not
    after the 5-minute lease); the one it had handed over is with the server and is only
    deleted; a live worker's claim is left alone."""
    dead = dead_worker()
    workers.beat("alive-1")
    not_handed, handed, alive = (enqueue(f"{n}@example.org") for n in ("one", "two", "three"))
    claimed(not_handed, by=dead)
    claimed(handed, by=dead, status=Status.HANDED_OVER)
    claimed(alive, by="alive-1")
    assert workers.workers_reap() == 2
    assert smtp_server.recipients == [["one@example.org"]]
    assert list(OutgoingMail.objects.values_list("pk", "claimed_by")) == [(alive.pk, "alive-1")]
    assert not WorkerHeartbeat.objects.filter(pk=dead).exists()
    assert workers.workers_reap() == 0


@override_settings(**smtp_settings(1))
def test_handed_over_mails_of_a_vanished_process_count_as_sent_after_the_lease():
    """A process without a heartbeat (a shell) that dies after the hand-over: once the lease
    has run out, the periodic job deletes the mail instead of sending it a second time."""
    mail = enqueue()
    OutgoingMail.objects.filter(pk=mail.pk).update(
        claimed_by="shell", status=Status.HANDED_OVER, next_attempt_at=timezone.now()
    )
    assert services.mail_deliver_due() == 0
    assert not OutgoingMail.objects.exists()
