"""Signer exports made in the admin for the hand-over: who asked for which, how far along."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignerExport(models.Model):
    """One export of the sealed signer records to a file on the server, written by a
    background task; the file lives in a private directory (settings.HANDOVER_EXPORT_DIR)
    until it is downloaded or HANDOVER_EXPORT_DAYS have passed. Its permission, `hand_over`,
    is the campaigner's right to take the petition out of the site: the delivery pack and
    the signer export."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Writing")
        DONE = "done", _("Ready to download")
        FAILED = "failed", _("Failed")
        DOWNLOADED = "downloaded", _("Downloaded and deleted")
        EXPIRED = "expired", _("Expired and deleted")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    consent = models.CharField(_("contact consent"), max_length=3, blank=True)
    confirmed_only = models.BooleanField(_("confirmed only"), default=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    total = models.PositiveBigIntegerField(_("signatures"), default=0)
    done = models.PositiveBigIntegerField(_("written"), default=0)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signer export")
        verbose_name_plural = _("signer exports")
        permissions = [
            ("hand_over", _("Can hand the petition over (delivery pack, signer export)")),
        ]

    def __str__(self) -> str:
        return f"{_('Signer export')} #{self.pk}"

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 100

    @property
    def filters(self) -> dict[str, object]:
        """The filters of petitions' signature export this one applied."""
        return {
            "confirmed_only": self.confirmed_only,
            "country": self.country or None,
            "consent": self.consent or None,
        }
