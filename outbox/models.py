from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """A mail waiting to be sent. Its recipient and links are encrypted with the server's
    outbox key and the row is deleted the moment the mail server accepts the message, so
    an address is held only until its mail is sent."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        FAILED = "failed", _("Failed, will not be retried")

    template = models.CharField(_("template"), max_length=200)
    language = models.CharField(_("language"), max_length=8)
    payload = models.BinaryField(_("payload (encrypted)"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")

    def __str__(self) -> str:
        return f"{self.template} ({self.language}) #{self.pk}"
