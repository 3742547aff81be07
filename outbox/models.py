from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """A mail waiting to be sent. Its recipient and links are encrypted with the server's
    outbox key and the row is deleted the moment the mail server accepts the message, so
    an address is held only until its mail is sent. A mail that failed for good is kept,
    still encrypted, for OUTBOX_FAILED_RETENTION_DAYS so staff can see it and send it
    again, then deleted."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        # The whole message is with the mail server; only its final "accepted" is awaited.
        HANDED_OVER = "handed_over", _("Handed to the mail server")
        FAILED = "failed", _("Failed, will not be retried")

    class Problem(models.TextChoices):
        """What went wrong, in our words: a mail server's own text often names the address."""

        RECIPIENT_REFUSED = "recipient_refused", _("The mail server refused the recipient")
        MESSAGE_REFUSED = "message_refused", _("The mail server refused the message")
        SENDER_REFUSED = "sender_refused", _("The mail server refused our sender address")
        LOGIN_FAILED = "login_failed", _("Logging in to the mail server failed")
        SERVER_ERROR = "server_error", _("The mail server answered with an error")
        DISCONNECTED = "disconnected", _("The mail server closed the connection")
        TIMEOUT = "timeout", _("The mail server did not answer in time")
        UNREACHABLE = "unreachable", _("The mail server could not be reached")
        TLS = "tls", _("The encrypted connection to the mail server failed")
        BAD_ADDRESS = "bad_address", _("The address cannot be used in a mail")
        TEMPLATE = "template", _("The mail could not be written (template)")
        PAYLOAD = "payload", _("The queued mail could not be decrypted (outbox key)")

    template = models.CharField(_("template"), max_length=200)
    language = models.CharField(_("language"), max_length=8)
    payload = models.BinaryField(_("payload (encrypted)"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # The worker (core.workers) sending it right now; empty while it waits.
    claimed_by = models.CharField(_("being sent by"), max_length=64, blank=True)
    problem = models.CharField(
        _("last problem"), max_length=32, choices=Problem.choices, blank=True
    )
    smtp_code = models.PositiveSmallIntegerField(_("SMTP reply code"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.template} ({self.language}) #{self.pk}"


class MailText(models.Model):
    """A campaign's own wording of one mail in one language (outbox.texts lists the mails and
    their placeholders). Without one, the mail is written from its shipped templates."""

    kind = models.CharField(_("mail"), max_length=100)
    # A code from settings.LANGUAGES, checked in the admin's form: no choices, so adding a
    # language needs no migration.
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Simple formatting: *emphasis*, **strong**, lists, headings, and links written "
            "[words]({confirm_url}). Placeholders in braces are filled in for each mail."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("mail text")
        verbose_name_plural = _("mail texts")
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="unique_mail_text_language")
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.language})"
