"""Newsletter subscriptions: one per email address, double opt-in, one-click unsubscribe."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from privacy.fields import MailingAddressField


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def confirmed(self) -> "SubscriptionQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self) -> "SubscriptionQuerySet":
        return self.filter(confirmed_at__isnull=True)

    def mailable(self) -> "SubscriptionQuerySet":
        """Confirmed subscribers whose address the server can read (see `address`)."""
        return self.confirmed().exclude(address=b"")


class Subscription(models.Model):
    """A subscriber: one list for the newsletter form and for signers who asked to be kept
    informed. The server recognises a subscriber by the keyed hash of the normalised address,
    so one address has one subscription, in the language it chose.

    The address is kept twice, never in clear: sealed to the campaign's public key (for the
    campaign's offline export) and encrypted with the server's mailing key (so the worker can
    send updates). Subscriptions made before the mailing key have only the sealed copy until
    the campaign imports their addresses (`manage.py import_subscriber_addresses`)."""

    email_hmac = models.CharField(_("email key"), max_length=64, unique=True)
    sealed = models.BinaryField(_("email address (sealed)"))
    address = MailingAddressField(_("email address (mailing key)"), blank=True, default=b"")
    language = models.CharField(_("language"), max_length=8, db_index=True)
    consent_version = models.PositiveIntegerField(_("consent wording version"))
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    # The unsubscribe link is derived from this random nonce with a server secret (see
    # services.unsubscribe_token), so every future mail can carry it while the database alone
    # holds only its hash and cannot be used to unsubscribe anyone.
    unsubscribe_nonce = models.CharField(max_length=32)
    unsubscribe_token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("subscribed"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, db_index=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return gettext("Subscription #%(number)s") % {"number": self.pk}
