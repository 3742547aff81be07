"""Queueing and sending mail.

A mail is queued in the same database transaction as the action that needs it (the
signature, the subscription), so either both are stored or neither is: a submission is never
lost because the mail server is down. The row is the whole queue: the worker polls for due
rows (`mail_deliver_due`, every round of `run_worker`), sends them, and retries with backoff
by moving a row's `next_attempt_at`. No task row is written per mail, so queueing a mail is
one INSERT.

Each mail is sent once, even when workers are killed mid-send:
1. a worker claims the mail (one conditional UPDATE: two workers never hold the same mail);
2. it sends the message up to, not including, the final "." of SMTP's DATA;
3. it records the hand-over (`HANDED_OVER`), only if its claim still holds;
4. it sends the ".", and deletes the row once the server accepts.
A worker that dies before 3 leaves a mail the server never took (the end of data never came):
once the worker is seen dead (core.workers) its claim is released and the mail goes again.
One that dies after 3 leaves a mail the server has: it is counted as delivered, never sent
again. What SMTP itself cannot say (a reply lost between the server and us, RFC 1047) is
described in docs/deploy.md. Every mail carries the same Message-ID on every try.
"""

import contextlib
import datetime as dt
import logging
from email.mime.image import MIMEImage
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import workers
from outbox import selectors, texts
from outbox.backends import SMTPBackend
from outbox.failures import SEND_FAILURES, Failure, classify
from outbox.models import OutgoingMail
from privacy import crypto

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
RETRY_CAP = 7200
# While a worker sends a mail, no other may pick it up. A dead worker's claims are released
# as soon as it misses its heartbeats (core.workers); this lease is only the last resort for
# a process without a heartbeat (a shell, a test) that dies mid-send.
SEND_LEASE = dt.timedelta(minutes=5)

Status = OutgoingMail.Status


class ClaimLost(Exception):
    """Our claim on a mail was released (we were taken for dead): another worker sends it."""


def retry_delay(attempts: int) -> dt.timedelta:
    """OUTBOX_RETRY_SECONDS (30 s), then twice as long each time, capped at 2 h: about 13
    hours of retries in all."""
    base = float(settings.OUTBOX_RETRY_SECONDS)
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), RETRY_CAP))


def _message_id() -> str:
    """A Message-ID of our own domain, the same on every try of one mail: a mail program that
    gets one mail twice (SMTP cannot always prevent it) can tell."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return make_msgid(domain=domain)


def mail_enqueue(
    *,
    template: str,
    recipient: str,
    language: str,
    context: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> OutgoingMail:
    """Queue a mail rendered from `<template>_subject.txt`, `<template>.txt` and, if it
    exists, `<template>.html`, in `language`. `context` must be JSON-serialisable: it is
    stored encrypted with the recipient until the mail is sent."""
    headers = {"Message-ID": _message_id(), **(headers or {})}
    mail = OutgoingMail.objects.create(
        template=template,
        language=language,
        payload=crypto.outbox_encrypt({"to": recipient, "context": context, "headers": headers}),
        next_attempt_at=timezone.now(),
    )
    _send_at_once([mail.pk])
    return mail


def _send_at_once(mail_ids: list[int]) -> None:
    """With OUTBOX_SEND_AT_ONCE (the tests: no worker runs there), send due mails in this
    process, now. Otherwise the worker's next poll takes them (within about a second)."""
    if settings.OUTBOX_SEND_AT_ONCE:
        for mail_id in mail_ids:
            mail_deliver(mail_id=mail_id)


# The template name of a placeholder: queued like a mail, deleted by the worker unsent.
PLACEHOLDER = "-"


def mail_enqueue_placeholder(*, recipient: str, language: str) -> OutgoingMail:
    """What a request that sends nothing must still cost: the same encryption and row as a
    mail, which the worker deletes unsent. A form whose answer must not tell whether it
    knows an address queues this when it sends nothing, so its timing tells nothing either."""
    return mail_enqueue(template=PLACEHOLDER, recipient=recipient, language=language, context={})


# The logo of the HTML mails (core/templates/mail/base.html), drawn by render_share_image.
MAIL_LOGO = "img/mail-logo.png"
MAIL_LOGO_CID = "logo@stopscanningme"


def render_message(
    *, template: str, language: str, payload: dict[str, Any]
) -> EmailMultiAlternatives:
    context = {**payload["context"], "site_url": settings.SITE_URL, "language": language}
    kind = texts.KINDS.get(template)
    own = selectors.mail_text(kind=template, language=language) if kind else None
    html: str | None
    if kind is not None and own is not None and kind.has_subject:
        subject, text, html = texts.render_mail(
            kind, subject=own.subject, body=own.body, context=context, language=language
        )
    else:
        if kind is not None and own is not None:
            # A part of the mail in the campaign's words (the updates' footer).
            _subject, context["own_text"], context["own_html"] = texts.render(
                kind, subject="", body=own.body, context=context
            )
        with translation.override(language):
            subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
            text = render_to_string(f"{template}.txt", context)
            try:
                html = render_to_string(f"{template}.html", context)
            except TemplateDoesNotExist:
                html = None
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[payload["to"]],
        headers={
            "Content-Language": language,
            "Auto-Submitted": "auto-generated",
            **payload["headers"],
        },
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
        if f"cid:{MAIL_LOGO_CID}" in html:
            _attach_logo(message)
    return message


def _attach_logo(message: EmailMultiAlternatives) -> None:
    """The logo as a part of the mail itself (multipart/related, shown by its Content-ID):
    mail programs show it without loading anything from the web, so it tells no one that
    the mail was opened."""
    path = finders.find(MAIL_LOGO)
    if not path:
        return
    image = MIMEImage(Path(str(path)).read_bytes(), "png")
    image.add_header("Content-ID", f"<{MAIL_LOGO_CID}>")
    image.add_header("Content-Disposition", "inline", filename="logo.png")
    message.mixed_subtype = "related"
    message.attach(image)


def _claim(*, mail_id: int, worker: str) -> OutgoingMail | None:
    """Take a due, queued mail for sending, or None if it is not due or another worker has
    it. The claim is one conditional UPDATE, so two workers never hold the same mail."""
    now = timezone.now()
    claimed = OutgoingMail.objects.filter(
        pk=mail_id, status=Status.QUEUED, next_attempt_at__lte=now
    ).update(next_attempt_at=now + SEND_LEASE, claimed_by=worker)
    if not claimed:
        return None
    return OutgoingMail.objects.filter(pk=mail_id, claimed_by=worker).first()


def _send(message: EmailMultiAlternatives, *, mail: OutgoingMail, worker: str) -> None:
    """Send `message`, recording the hand-over of `mail` just before the server takes it, and
    delete the row once it did (before saying goodbye to the server)."""

    def hand_over() -> None:
        handed = OutgoingMail.objects.filter(
            pk=mail.pk, claimed_by=worker, status=Status.QUEUED
        ).update(status=Status.HANDED_OVER)
        if not handed:
            raise ClaimLost

    connection = get_connection()
    if isinstance(connection, SMTPBackend):
        connection.before_end_of_data = hand_over
    else:
        hand_over()  # a local backend (files, memory): nothing to be unsure about
    try:
        connection.open()
        connection.send_messages([message])
        OutgoingMail.objects.filter(pk=mail.pk, claimed_by=worker).delete()
    finally:
        # Once the mail is with the server, how the goodbye goes changes nothing.
        with contextlib.suppress(*SEND_FAILURES):
            connection.close()


def mail_deliver(*, mail_id: int) -> bool:
    """Send one queued mail. True when sent (the row, and with it the address, is gone) or
    when there is nothing to do; False when it failed and a retry was scheduled (or, when
    the failure is final or after MAX_ATTEMPTS, it was given up)."""
    worker = workers.current_id()
    mail = _claim(mail_id=mail_id, worker=worker)
    if mail is None:
        return True  # already sent or being sent by another worker, purged, or not due yet
    if mail.template == PLACEHOLDER:
        mail.delete()
        return True
    try:
        payload = crypto.outbox_decrypt(bytes(mail.payload))
        message = render_message(template=mail.template, language=mail.language, payload=payload)
        _send(message, mail=mail, worker=worker)
    except ClaimLost:
        logger.warning("Mail %s was taken over by another worker before it was sent", mail.pk)
        return True
    except SEND_FAILURES as exc:
        _failed(mail, failure=classify(exc), worker=worker)
        return False
    return True


def _failed(mail: OutgoingMail, *, failure: Failure, worker: str) -> None:
    """Record a failed try (the problem and the SMTP code, never the server's text), and
    schedule the next one (the worker's poll takes it when it is due) or give up."""
    attempts = mail.attempts + 1
    final = failure.permanent or attempts >= MAX_ATTEMPTS
    now = timezone.now()
    fields: dict[str, Any] = {
        "attempts": attempts,
        "problem": failure.problem,
        "smtp_code": failure.code,
        "claimed_by": "",
    }
    if final:
        fields.update(status=Status.FAILED, failed_at=now)
    else:
        fields.update(status=Status.QUEUED, next_attempt_at=now + retry_delay(attempts))
    if not OutgoingMail.objects.filter(pk=mail.pk, claimed_by=worker).update(**fields):
        return  # taken over meanwhile: the other worker decides
    if final:
        logger.error(
            "Mail %s (%s) failed for good after %d attempts: %s",
            mail.pk,
            mail.template,
            attempts,
            failure,
        )
        return
    logger.warning(
        "Mail %s (%s) not sent, attempt %d of %d: %s; next try in %d s",
        mail.pk,
        mail.template,
        attempts,
        MAX_ATTEMPTS,
        failure,
        retry_delay(attempts).total_seconds(),
    )


def mail_deliver_due(*, limit: int = 50) -> int:
    """The worker's poll of the queue: send queued mails whose time has come (new ones,
    retries, claims released from a dead worker), oldest first, at most `limit` per turn so
    the worker's other jobs (the counter) keep their pace. One indexed query when nothing is
    due. Returns how many were sent."""
    now = timezone.now()
    # Handed over by a process without a heartbeat that then vanished: the server has them.
    OutgoingMail.objects.filter(status=Status.HANDED_OVER, next_attempt_at__lte=now).delete()
    due = list(
        OutgoingMail.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for mail_id in due:
        if OutgoingMail.objects.filter(pk=mail_id).exists() and mail_deliver(mail_id=mail_id):
            sent += 1
    return sent


def mail_claims_release(dead: list[str]) -> int:
    """What workers that died were sending (core.workers calls this): a mail they had handed
    over is with the server, and is deleted as delivered; one they had not is queued again
    at once. Returns how many mails were released."""
    delivered, _detail = OutgoingMail.objects.filter(
        claimed_by__in=dead, status=Status.HANDED_OVER
    ).delete()
    held = OutgoingMail.objects.filter(claimed_by__in=dead, status=Status.QUEUED)
    again = list(held.values_list("pk", flat=True))
    held.update(claimed_by="", next_attempt_at=timezone.now())
    _send_at_once(again)
    if delivered or again:
        logger.warning(
            "A dead worker left %d mails handed over (counted as delivered) and %d to send again",
            delivered,
            len(again),
        )
    return delivered + len(again)


def mail_send_again(*, mails: "list[OutgoingMail]") -> int:
    """Staff: queue failed mails again, from the first attempt. Returns how many."""
    ids = [mail.pk for mail in mails if mail.status == Status.FAILED]
    OutgoingMail.objects.filter(pk__in=ids, status=Status.FAILED).update(
        status=Status.QUEUED,
        attempts=0,
        failed_at=None,
        claimed_by="",
        next_attempt_at=timezone.now(),
    )
    _send_at_once(ids)
    return len(ids)


def mails_failed_purge(*, now: dt.datetime | None = None) -> int:
    """Delete mails that failed for good more than OUTBOX_FAILED_RETENTION_DAYS ago, and
    with them the addresses they were for."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.OUTBOX_FAILED_RETENTION_DAYS)
    deleted, _detail = OutgoingMail.objects.filter(
        status=Status.FAILED, failed_at__lt=cutoff
    ).delete()
    return deleted


def outbox_purge() -> int:
    """End of campaign: forget every queued mail (and with it every address still held)."""
    deleted, _detail = OutgoingMail.objects.all().delete()
    return deleted
