"""Organisations in the campaign's coalition: they apply, confirm, and are approved."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from privacy.fields import MailingAddressField


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def approved(self) -> "OrganisationQuerySet":
        return self.filter(status=Organisation.Status.APPROVED)

    def awaiting_review(self) -> "OrganisationQuerySet":
        return self.filter(status=Organisation.Status.PENDING, email_confirmed_at__isnull=False)

    def awaiting_confirmation(self) -> "OrganisationQuerySet":
        """Applications whose contact has not confirmed their address yet (organisations a
        campaigner adds in the admin never have a confirmation pending)."""
        return self.filter(
            status=Organisation.Status.PENDING,
            email_confirmed_at__isnull=True,
            confirmation_expires_at__isnull=False,
        )


class Organisation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    logo = models.ImageField(_("logo"), upload_to="coalition/", blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # The organisation's public statement of support (optional, shown with its logo).
    statement = models.TextField(_("statement of support"), max_length=1000, blank=True)
    # The application's contact person, sealed to the campaign's public key (privacy app);
    # the server cannot read it back.
    contact_sealed = models.BinaryField(_("contact details (encrypted)"), blank=True, default=b"")
    # The contact's address under the server's mailing key (privacy.crypto), like a
    # subscriber's: the server can tell the organisation it was approved.
    contact_address = MailingAddressField(
        _("contact address (mailing key)"), blank=True, default=b""
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    # A short slug given on approval: partner links carry it (?src=...), signatures record it.
    source_code = models.SlugField(
        _("source code"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Lower-case letters, digits and hyphens. Links to the site with ?src= and this "
            "code credit the organisation with the signatures made through them."
        ),
    )
    # SHA-256 of the secret in the organisation's partner link (its own totals); the link
    # itself is shown once, when a campaigner makes it.
    partner_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    confirmation_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    confirmation_expires_at = models.DateTimeField(null=True, blank=True)
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name
