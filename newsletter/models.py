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
        """Confirmed subscribers whose address the server can read (see `address`) and whose
        mail server has not refused them too often."""
        return self.confirmed().exclude(address=b"").filter(bounced_at__isnull=True)


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
    # Updates their mail server refused for good (5xx); at UPDATE_BOUNCE_LIMIT no more mail.
    bounces = models.PositiveSmallIntegerField(_("refused updates"), default=0)
    bounced_at = models.DateTimeField(_("stopped after refusals"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return gettext("Subscription #%(number)s") % {"number": self.pk}


class Update(models.Model):
    """A mail to every confirmed subscriber, written once per language (UpdateTranslation);
    each subscriber gets it in their own language, if it is written in it."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("For the campaign team; subscribers never see it.")
    )
    call_to_action_url = models.URLField(
        _("call to action link"),
        blank=True,
        help_text=_("Optional: the page the button in the mail opens, in every language."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-created_at"]
        permissions = [("send_update", _("Can preview, test and send updates to subscribers"))]

    def __str__(self) -> str:
        return self.name


class UpdateTranslation(models.Model):
    """An update in one language: subject, body in Markdown (links, emphasis, lists and
    headings survive; see core.richtext) and the call to action's words."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Markdown: *emphasis*, **strong**, [links](https://example.org), lists (- item) "
            "and headings (## title). Anything else is removed."
        ),
    )
    call_to_action_label = models.CharField(_("call to action words"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("update text")
        verbose_name_plural = _("update texts")
        constraints = [
            models.UniqueConstraint(fields=["update", "language"], name="update_language_once")
        ]

    def __str__(self) -> str:
        return f"{self.update} ({self.language})"


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def counts(self) -> dict[str, int]:
        """How many deliveries are in each status (every status present, zero or not)."""
        found = dict(self.values_list("status").annotate(number=models.Count("pk")))
        return {status: found.get(status, 0) for status in Delivery.Status.values}


class Delivery(models.Model):
    """One update for one subscription. Unique on the pair: however often a send is started,
    and whatever happens to a worker, the same update cannot go twice to the same person.
    Unsubscribing deletes the subscription, and with it the deliveries still waiting."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        # The mail is in the outbox (one OutgoingMail, `mail_id`), which sends it once.
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    # The outbox row of its mail (no foreign key: the outbox deletes the row once sent).
    mail_id = models.BigIntegerField(null=True, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    handed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "update"], name="update_once_each")
        ]
        indexes = [models.Index(fields=["status", "id"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.update} → #{self.subscription_id}"
