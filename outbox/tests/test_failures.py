"""Finding 1 (high): a mail server's error text names the address, so none of it is kept.

Before: `last_error` stored "SMTPRecipientsRefused: {'reader@example.org': (550, ...)}" in
clear, the admin showed it, a permanent 550 was retried 12 times over 13 hours and failed rows
were never purged. Now: the SMTP code and a problem of our own only, a final 5xx fails at
once, and failed rows go after OUTBOX_FAILED_RETENTION_DAYS, payload included.
"""

import datetime as dt
import logging
import smtplib

import pytest
from django.test import override_settings
from django.utils import timezone

from outbox import services
from outbox.failures import classify
from outbox.models import OutgoingMail
from privacy import registry

pytestmark = pytest.mark.django_db

ADDRESS = "Reader.Person+tag@example.org"
REFUSED = "550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual table"
GREYLISTED = "450 4.2.0 <{address}>: Recipient address rejected: Greylisted, see http://x.example"


def enqueue() -> OutgoingMail:
    return services.mail_enqueue(
        template="petitions/mail/already_signed",
        recipient=ADDRESS,
        language="en",
        context={"delete_url": "http://testserver/en/sign/delete/abc/"},
    )


def row_text(mail: OutgoingMail) -> str:
    """Every value of the row the admin or a dump could show, except the encrypted payload."""
    mail.refresh_from_db()
    return " ".join(
        str(getattr(mail, f.attname)) for f in mail._meta.concrete_fields if f.name != "payload"
    )


def our_log(caplog) -> str:
    """What the site logged (the test's own SMTP server, mail.log, logs the address)."""
    return "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail."))


def assert_nothing_names(text: str) -> None:
    lowered = text.lower()
    for part in (ADDRESS.lower(), "reader.person", "rejected", "greylisted", "user unknown"):
        assert part not in lowered, part


def test_a_permanent_refusal_fails_at_once_with_code_and_problem_only(smtp_server, caplog):
    """550 for the recipient: failed after one attempt, kept as (550, recipient refused);
    neither the row nor the log holds the server's text or the address."""
    smtp_server.refuse_recipients = REFUSED
    with caplog.at_level(logging.INFO):
        queued = enqueue()
    mail = OutgoingMail.objects.get(pk=queued.pk)
    assert mail.status == OutgoingMail.Status.FAILED
    assert mail.attempts == 1
    assert mail.failed_at is not None
    assert (mail.problem, mail.smtp_code) == (OutgoingMail.Problem.RECIPIENT_REFUSED, 550)
    assert_nothing_names(row_text(mail))
    assert_nothing_names(our_log(caplog))
    assert "SMTP 550, recipient_refused" in our_log(caplog)
    assert not smtp_server.messages


def test_a_temporary_refusal_is_retried_and_keeps_no_text(smtp_server, caplog):
    """450 (greylisting, naming the address): queued for a retry with the code only."""
    smtp_server.refuse_recipients = GREYLISTED
    with caplog.at_level(logging.INFO):
        queued = enqueue()
    mail = OutgoingMail.objects.get(pk=queued.pk)
    assert mail.status == OutgoingMail.Status.QUEUED
    assert (mail.problem, mail.smtp_code) == (OutgoingMail.Problem.RECIPIENT_REFUSED, 450)
    assert mail.next_attempt_at > timezone.now()
    assert_nothing_names(row_text(mail))
    assert_nothing_names(our_log(caplog))


def test_the_admin_shows_the_code_and_problem_never_the_text(smtp_server, admin_client):
    smtp_server.refuse_recipients = REFUSED
    queued = enqueue()
    for url in ("/admin/outbox/outgoingmail/", f"/admin/outbox/outgoingmail/{queued.pk}/change/"):
        page = admin_client.get(url).content.decode()
        assert "550 · De mailserver weigerde de ontvanger" in page
        assert_nothing_names(page)


@pytest.mark.parametrize(
    ("code", "final"), [(550, True), (554, True), (421, False), (451, False), (452, False)]
)
def test_only_a_5xx_for_the_recipient_or_the_message_is_final(code, final):
    refused = smtplib.SMTPRecipientsRefused({ADDRESS: (code, f"<{ADDRESS}> no".encode())})
    data = smtplib.SMTPDataError(code, f"message for {ADDRESS} refused".encode())
    assert classify(refused).permanent is final
    assert classify(data).permanent is final
    assert ADDRESS not in str(classify(refused)) + str(classify(data))


@pytest.mark.parametrize(
    "exc",
    [
        smtplib.SMTPSenderRefused(553, b"sender refused", "noreply@x"),
        smtplib.SMTPAuthenticationError(535, b"bad login"),
        smtplib.SMTPServerDisconnected("gone"),
        ConnectionRefusedError(),
        TimeoutError(),
    ],
    ids=type,
)
def test_the_servers_own_configuration_or_absence_is_retried(exc):
    """A 5xx that refuses our sender or login says the server is misconfigured, not that
    this mail can never go: retried, like a server that is down."""
    assert classify(exc).permanent is False


@override_settings(OUTBOX_FAILED_RETENTION_DAYS=3)
def test_failed_mails_are_purged_payload_and_all_after_the_retention(smtp_server):
    """The hourly purge (every purge registered with privacy.registry) deletes mails that
    failed longer ago than the retention; recent failures and queued mail stay."""
    smtp_server.refuse_recipients = REFUSED
    old, recent = enqueue(), enqueue()
    smtp_server.refuse_recipients = GREYLISTED
    waiting = enqueue()
    OutgoingMail.objects.filter(pk=old.pk).update(
        failed_at=timezone.now() - dt.timedelta(days=3, minutes=1)
    )
    result = registry.purges_run()
    assert result["failed_mails"] == 1
    assert set(OutgoingMail.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}


def test_staff_can_send_a_failed_mail_again(smtp_server, admin_client):
    """The admin action queues a failed mail from the first attempt; it is then sent."""
    smtp_server.refuse_recipients = REFUSED
    queued = enqueue()
    smtp_server.refuse_recipients = ""
    response = admin_client.post(
        "/admin/outbox/outgoingmail/",
        {"action": "send_again", "_selected_action": [queued.pk]},
        follow=True,
    )
    assert "1 mail staat weer in de wachtrij." in response.content.decode()
    assert not OutgoingMail.objects.exists()
    assert smtp_server.recipients == [[ADDRESS]]


def test_repeated_failure_is_shown_on_the_admin_index(smtp_server, admin_client):
    """The dashboard warns (in the admin's language, Dutch here) when mails failed for good
    or keep failing, with the reason in our words and the code, and links to the outbox."""
    index = admin_client.get("/admin/").content.decode()
    assert "kon niet bezorgd worden" not in index
    smtp_server.refuse_recipients = REFUSED
    enqueue()
    smtp_server.refuse_recipients = GREYLISTED
    retrying = enqueue()
    OutgoingMail.objects.filter(pk=retrying.pk).update(attempts=4)
    index = admin_client.get("/admin/").content.decode()
    assert "1 mail kon niet bezorgd worden en wordt niet opnieuw geprobeerd." in index
    assert "1 mail blijft mislukken en wordt opnieuw geprobeerd." in index
    assert "De mailserver weigerde de ontvanger (SMTP 550): 1" in index
    assert "/admin/outbox/outgoingmail/" in index
    assert_nothing_names(index)
    listing = admin_client.get("/admin/outbox/outgoingmail/").content.decode()
    assert "1 mail kon niet bezorgd worden en wordt niet opnieuw geprobeerd." in listing
