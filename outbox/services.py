"""Queueing and sending mail.

A mail is queued in the same database transaction as the action that needs it (the
signature, the subscription), so either both are stored or neither is: a submission is never
lost because the mail server is down. The worker sends it, retrying with backoff.
"""

import datetime as dt
from typing import Any

import nacl.exceptions
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from outbox.models import OutgoingMail
from privacy import crypto

MAX_ATTEMPTS = 12


def retry_delay(attempts: int) -> dt.timedelta:
    """30 s, 1 min, 2 min ... capped at 2 h: about 13 hours of retries in all."""
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 7200))


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
    from outbox import tasks

    mail = OutgoingMail.objects.create(
        template=template,
        language=language,
        payload=crypto.outbox_encrypt(
            {"to": recipient, "context": context, "headers": headers or {}}
        ),
        next_attempt_at=timezone.now(),
    )
    tasks.mail_deliver.enqueue(mail.pk)
    return mail


def render_message(
    *, template: str, language: str, payload: dict[str, Any]
) -> EmailMultiAlternatives:
    context = {**payload["context"], "site_url": settings.SITE_URL, "language": language}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        try:
            html: str | None = render_to_string(f"{template}.html", context)
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
    return message


# While one worker is sending a mail, no other worker may pick it up; if that worker dies,
# the mail becomes due again after this lease.
SEND_LEASE = dt.timedelta(minutes=5)
# What can go wrong between the queue and the mail server: the server refuses or is down
# (OSError, SMTP's errors included: refused, timed out, unreachable), an address it cannot
# take (ValueError), a template that does not render, a payload the outbox key cannot open.
# Each is retried with backoff, then given up with the error kept; the mail is never lost.
SEND_FAILURES = (
    OSError,
    ValueError,
    TemplateDoesNotExist,
    TemplateSyntaxError,
    nacl.exceptions.CryptoError,
)


def _claim(*, mail_id: int) -> OutgoingMail | None:
    """Take a due, queued mail for sending, or None if it is not due or another worker has
    it. The claim is one conditional UPDATE, so two workers never send the same mail."""
    now = timezone.now()
    claimed = OutgoingMail.objects.filter(
        pk=mail_id, status=OutgoingMail.Status.QUEUED, next_attempt_at__lte=now
    ).update(next_attempt_at=now + SEND_LEASE)
    if not claimed:
        return None
    return OutgoingMail.objects.filter(pk=mail_id).first()


def mail_deliver(*, mail_id: int) -> bool:
    """Send one queued mail. True when sent (the row, and with it the address, is gone) or
    when there is nothing to do; False when it failed and a retry was scheduled (or, after
    MAX_ATTEMPTS, it was given up)."""
    from outbox import tasks

    mail = _claim(mail_id=mail_id)
    if mail is None:
        return True  # already sent or being sent by another worker, purged, or not due yet
    try:
        payload = crypto.outbox_decrypt(bytes(mail.payload))
        message = render_message(template=mail.template, language=mail.language, payload=payload)
        message.send()
    except SEND_FAILURES as exc:
        mail.attempts += 1
        mail.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if mail.attempts >= MAX_ATTEMPTS:
            mail.status = OutgoingMail.Status.FAILED
            mail.save(update_fields=["attempts", "last_error", "status"])
            return False
        mail.next_attempt_at = timezone.now() + retry_delay(mail.attempts)
        mail.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        # A backend that runs tasks at once (tests, ImmediateBackend) cannot wait: the retry
        # is then left to the periodic mail_deliver_due job instead of recursing right now.
        if tasks.mail_deliver.get_backend().supports_defer:
            tasks.mail_deliver.using(run_after=mail.next_attempt_at).enqueue(mail.pk)
        return False
    mail.delete()
    return True


def mail_deliver_due(*, limit: int = 200) -> int:
    """The periodic safety net: send queued mails whose time has come (a retry whose task
    was lost, a worker that died while sending). Returns how many were sent."""
    due = list(
        OutgoingMail.objects.filter(
            status=OutgoingMail.Status.QUEUED, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for mail_id in due:
        if OutgoingMail.objects.filter(pk=mail_id).exists() and mail_deliver(mail_id=mail_id):
            sent += 1
    return sent


def outbox_purge() -> int:
    """End of campaign: forget every queued mail (and with it every address still held)."""
    deleted, _detail = OutgoingMail.objects.all().delete()
    return deleted
