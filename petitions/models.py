"""Signatures of the petition and the tallies that count them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class SignatureQuerySet(models.QuerySet["Signature"]):
    def confirmed(self) -> "SignatureQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self) -> "SignatureQuerySet":
        return self.filter(confirmed_at__isnull=True)

    def valid(self) -> "SignatureQuerySet":
        return self.filter(invalidated=False)


class Signature(models.Model):
    """One person's signature. Name and email exist only sealed to the campaign's public key;
    the server identifies a signer by the keyed hash of their normalised address."""

    email_hmac = models.CharField(_("email key"), max_length=64, unique=True)
    # Keyed hash of the address exactly as it signed (privacy.identity.exact_email_hmac):
    # mail that lets someone act on this signature goes only to that very address.
    exact_email_hmac = models.CharField(max_length=64, blank=True)
    sealed = models.BinaryField(_("personal data (encrypted)"))
    country = CountryField(_("country"), db_index=True)
    language = models.CharField(_("language"), max_length=8)
    consent_contact = models.BooleanField(_("agreed to hear from the campaign"), default=False)
    consent_version = models.PositiveIntegerField(
        _("consent wording version"), null=True, blank=True
    )
    # Keyed hashes that let a campaigner invalidate signatures by email domain or by source
    # (a daily pseudonym of the network address) without storing either.
    domain_hmac = models.CharField(max_length=64, db_index=True, blank=True)
    source_key = models.CharField(max_length=32, db_index=True, blank=True)
    # The partner organisation's source code (coalition.Organisation.source_code) the signer
    # came through, carried in the form (never a cookie, never the referrer); blank otherwise.
    source = models.CharField(_("source"), max_length=40, blank=True, default="")
    suspect = models.BooleanField(_("suspect"), default=False)
    invalidated = models.BooleanField(_("invalidated"), default=False)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    # Hash of the deletion token in every petition mail; it does not expire, so the link in
    # any mail keeps working for as long as the signature exists.
    deletion_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("signed"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # Set by the counting job once this confirmed signature is in the tallies.
    counted = models.BooleanField(default=False)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        indexes = [
            models.Index(
                fields=["confirmed_at"],
                name="signature_to_count",
                condition=Q(confirmed_at__isnull=False, counted=False),
            ),
            # Partial indexes that hold only the few signatures the counting job counts
            # for the dashboard's totals (SignatureCounting), so counting them never reads
            # the whole table: links still waiting (a token's expiry exists only until
            # confirmation), suspect ones and invalidated ones.
            models.Index(
                fields=["token_expires_at"],
                name="signature_pending",
                condition=Q(token_expires_at__isnull=False),
            ),
            models.Index(
                fields=["id"],
                name="signature_suspect",
                condition=Q(suspect=True, invalidated=False),
            ),
            models.Index(
                fields=["id"], name="signature_invalidated", condition=Q(invalidated=True)
            ),
            # Only the unconfirmed ones (the last days' pending links and what the purge is
            # about to delete): the hourly purge reads these, never the confirmed millions,
            # so it holds SQLite's write lock for moments, not for a table scan.
            models.Index(
                fields=["created_at"],
                name="signature_unconfirmed",
                condition=Q(confirmed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Signature')} #{self.pk}"


class SignatureTally(models.Model):
    """Confirmed, valid signatures per country, kept by a periodic job (never +1 per signature
    on a hot row, never COUNT(*) on a request)."""

    country = models.CharField(_("country"), max_length=2, primary_key=True)
    count = models.BigIntegerField(_("signatures"), default=0)

    class Meta:
        verbose_name = _("signature tally")
        verbose_name_plural = _("signature tallies")

    def __str__(self) -> str:
        return f"{self.country}: {self.count}"


class SignatureDaily(models.Model):
    """Signatures per day, country, language and partner source, kept by the counting job
    beside the tallies: the dashboard, the partners' totals and the delivery pack read these
    rows, never the signatures table."""

    day = models.DateField(_("day"))
    country = models.CharField(_("country"), max_length=2)
    language = models.CharField(_("language"), max_length=8)
    source = models.CharField(_("source"), max_length=40, blank=True, default="")
    # Signatures made that day (first signing), and signatures confirmed that day that are
    # valid (an invalidation takes a counted signature back out of its confirmation day).
    signed = models.BigIntegerField(_("signed"), default=0)
    confirmed = models.BigIntegerField(_("confirmed"), default=0)

    class Meta:
        verbose_name = _("signatures per day")
        verbose_name_plural = _("signatures per day")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "country", "language", "source"], name="signature_daily_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.country} {self.language} {self.source}"


class SignatureCounting(models.Model):
    """The counting job's own state, one row: how far it has counted new signatures into
    SignatureDaily.signed, and the totals the dashboard shows beside the tallies, counted by
    the job from partial indexes (never on a request). No row means the daily aggregate was
    never built (a database from before it, or rows loaded in bulk): the job's next run
    builds it from the signatures table once (petitions.services.signatures_daily_rebuild)."""

    # Every signature with a primary key up to this one is in SignatureDaily.signed.
    signed_through = models.BigIntegerField(default=0)
    # Unconfirmed signatures whose confirmation link has not expired.
    pending = models.BigIntegerField(_("pending"), default=0)
    # Signatures flagged suspect by the form guard and not invalidated.
    suspect = models.BigIntegerField(_("suspect"), default=0)
    # Invalidated signatures still stored.
    invalidated = models.BigIntegerField(_("invalidated"), default=0)
    # When pending, suspect and invalidated were counted; None: not yet.
    counted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signature counting state")
        verbose_name_plural = _("signature counting state")

    def __str__(self) -> str:
        return f"{_('signed through')} #{self.signed_through}"
