"""Sending queued mail: against a real SMTP server that fails, is down, then accepts."""

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.tests.ports import free_port
from outbox import services
from outbox.models import OutgoingMail

pytestmark = pytest.mark.django_db

TEMPLATE = "petitions/mail/confirm"
CONTEXT = {
    "confirm_url": "http://127.0.0.1:8000/nl/sign/confirm/abc/",
    "delete_url": "http://127.0.0.1:8000/nl/sign/delete/def/",
    "expires_hours": 72,
}


def enqueue(language: str = "nl") -> OutgoingMail:
    return services.mail_enqueue(
        template=TEMPLATE, recipient="reader@example.org", language=language, context=CONTEXT
    )


def make_due(mail_row: OutgoingMail) -> None:
    OutgoingMail.objects.filter(pk=mail_row.pk).update(
        next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
    )


def test_sent_mail_is_deleted_with_its_address(smtp_server):
    """Once the server accepts the message, the queued row (holding the address) is gone;
    the message carries its language, a plain text part and an HTML part."""
    queued = enqueue()
    assert not OutgoingMail.objects.filter(pk=queued.pk).exists()
    [message] = smtp_server.messages
    assert smtp_server.recipients == [["reader@example.org"]]
    assert message["Content-Language"] == "nl"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_body(("plain",)) is not None
    html = message.get_body(("html",)).get_content()
    assert CONTEXT["confirm_url"] in html
    assert CONTEXT["confirm_url"] in message.get_body(("plain",)).get_content()


def test_temporary_failure_is_retried_with_backoff(smtp_server):
    """The server answers 451 twice: the mail stays queued each time with a growing delay,
    then is delivered once and removed."""
    smtp_server.refuse_next = 2
    before = timezone.now()
    queued = enqueue()
    row = OutgoingMail.objects.get(pk=queued.pk)
    assert row.attempts == 1
    assert (row.problem, row.smtp_code) == (OutgoingMail.Problem.MESSAGE_REFUSED, 451)
    first_delay = row.next_attempt_at - before
    assert dt.timedelta(seconds=29) < first_delay < dt.timedelta(seconds=40)
    assert services.mail_deliver_due() == 0  # not due yet: nothing is sent early
    assert row.status == OutgoingMail.Status.QUEUED

    make_due(row)
    assert services.mail_deliver_due() == 0
    row.refresh_from_db()
    assert row.attempts == 2
    assert row.next_attempt_at - timezone.now() > dt.timedelta(seconds=55)

    make_due(row)
    assert services.mail_deliver_due() == 1
    assert not OutgoingMail.objects.exists()
    assert len(smtp_server.messages) == 1


@override_settings(
    EMAIL_BACKEND="outbox.backends.SMTPBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_TIMEOUT=2,
)
def test_mail_is_never_lost_when_the_server_is_down():
    """With no mail server at all, the mail stays queued for later (one attempt in
    immediate mode, no recursion), and is sent once a server is there."""
    with override_settings(EMAIL_PORT=free_port()):
        queued = enqueue()
    row = OutgoingMail.objects.get(pk=queued.pk)
    assert row.status == OutgoingMail.Status.QUEUED
    assert row.attempts == 1
    assert row.problem == OutgoingMail.Problem.UNREACHABLE
    assert row.next_attempt_at > timezone.now()


def test_backoff_grows_and_is_capped():
    delays = [services.retry_delay(n).total_seconds() for n in range(1, 12)]
    assert delays[:4] == [30, 60, 120, 240]
    assert max(delays) == 7200
    assert delays == sorted(delays)


@override_settings(EMAIL_BACKEND="outbox.backends.SMTPBackend", EMAIL_HOST="127.0.0.1")
def test_gives_up_after_max_attempts():
    with override_settings(EMAIL_PORT=free_port()):
        queued = enqueue()
        for _ in range(services.MAX_ATTEMPTS):
            make_due(queued)
            services.mail_deliver(mail_id=queued.pk)
    row = OutgoingMail.objects.get(pk=queued.pk)
    assert row.status == OutgoingMail.Status.FAILED
    assert row.attempts == services.MAX_ATTEMPTS
    assert row.failed_at is not None
    assert OutgoingMail.objects.filter(status=OutgoingMail.Status.FAILED).count() == 1


@override_settings(OUTBOX_SEND_AT_ONCE=False)
def test_queueing_is_one_row_that_the_worker_poll_sends(smtp_server):
    """As in production: queueing a mail writes its row and nothing else (no task row);
    the worker's poll sends what is due, oldest first, at most `limit` per turn, and a
    failed try waits in the same row until its next attempt is due."""
    first, second, third = enqueue(), enqueue("en"), enqueue("de")
    assert OutgoingMail.objects.count() == 3
    assert not DBTaskResult.objects.exists()
    assert smtp_server.messages == []
    assert services.mail_deliver_due(limit=2) == 2
    assert list(OutgoingMail.objects.values_list("pk", flat=True)) == [third.pk]
    assert [m["Content-Language"] for m in smtp_server.messages] == ["nl", "en"]
    smtp_server.refuse_next = 1
    assert services.mail_deliver_due() == 0
    row = OutgoingMail.objects.get(pk=third.pk)
    assert row.attempts == 1 and row.next_attempt_at > timezone.now()
    assert services.mail_deliver_due() == 0  # not due yet
    make_due(row)
    assert services.mail_deliver_due() == 1
    assert not OutgoingMail.objects.exists()
    assert first.pk < second.pk < third.pk


def test_a_claimed_mail_is_not_sent_twice():
    """A mail that another worker is sending (its lease in the future) is left alone."""
    with override_settings(OUTBOX_SEND_AT_ONCE=False):
        queued = enqueue()
    OutgoingMail.objects.filter(pk=queued.pk).update(
        next_attempt_at=timezone.now() + services.SEND_LEASE
    )
    assert services.mail_deliver(mail_id=queued.pk) is True
    assert not mail.outbox
    assert OutgoingMail.objects.filter(pk=queued.pk).exists()


def test_eml_folder_backend_writes_one_file_per_message(tmp_path):
    """In development every message lands in var/outbox/ as its own .eml file with both
    parts and the link in it."""
    with override_settings(
        EMAIL_BACKEND="outbox.backends.EmlFolderBackend",
        OUTBOX_EML_DIR=str(tmp_path),
        EMAIL_RELAY_BACKEND=None,
    ):
        enqueue()
        enqueue(language="en")
    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 2
    contents = [f.read_bytes() for f in files]
    assert all(b"Content-Language:" in c and b"text/html" in c for c in contents)
    assert all(CONTEXT["confirm_url"].encode() in c for c in contents)
    assert not OutgoingMail.objects.exists()


def test_admin_shows_the_queue_but_never_the_encrypted_payload(admin_client):
    """Campaigners see what waits and why (attempts, last error), never whom it is for."""
    with override_settings(OUTBOX_SEND_AT_ONCE=False):
        queued = enqueue()
    listing = admin_client.get("/admin/outbox/outgoingmail/").content.decode()
    assert TEMPLATE in listing and "reader@example.org" not in listing
    page = admin_client.get(f"/admin/outbox/outgoingmail/{queued.pk}/change/")
    assert page.status_code == 200
    assert 'name="payload"' not in page.content.decode()
    assert "reader@example.org" not in page.content.decode()
