"""Writes for the newsletter: subscribe (double opt-in), confirm, unsubscribe, purge."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core import languages, optin, richtext, upsert
from newsletter.models import Delivery, Subscription, Update, UpdateTranslation
from outbox.selectors import mails_outcome
from outbox.services import mail_enqueue
from privacy import crypto, identity, network, tokens

# The wording shown next to the subscribe button; raise this number whenever it changes, so
# every subscription records which text its subscriber agreed to.
CONSENT_VERSION = 1


def unsubscribe_token(*, subscription: Subscription) -> str:
    """The secret in the unsubscribe link, derivable only with the server's SECRET_KEY.

    After a key rotation the link of an existing subscription is still derived with the key
    it was made with, as long as that key is in SECRET_KEY_FALLBACKS: links in mails already
    sent keep working and new mails carry the same link."""
    candidates = [
        salted_hmac(
            "newsletter.unsubscribe", subscription.unsubscribe_nonce, secret=key, algorithm="sha256"
        ).hexdigest()
        for key in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    ]
    if subscription.unsubscribe_token_hash:
        for token in candidates:
            if tokens.hash_token(token) == subscription.unsubscribe_token_hash:
                return token
    return candidates[0]


def unsubscribe_url(*, subscription: Subscription) -> str:
    return optin.absolute_url(
        "newsletter:unsubscribe",
        token=unsubscribe_token(subscription=subscription),
        language=subscription.language,
    )


def unsubscribe_headers(*, url: str) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe: every newsletter mail carries these two headers."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _mail(*, template: str, recipient: str, subscription: Subscription, context: dict) -> None:
    url = unsubscribe_url(subscription=subscription)
    mail_enqueue(
        template=f"newsletter/mail/{template}",
        recipient=recipient,
        language=subscription.language,
        context={**context, "unsubscribe_url": url},
        headers=unsubscribe_headers(url=url),
    )


def _new_confirmation(*, subscription: Subscription) -> str:
    token, token_hash = tokens.new_token()
    subscription.token_hash = token_hash
    subscription.token_expires_at = optin.expiry()
    return token


def _send_confirmation(*, subscription: Subscription, recipient: str, token: str) -> None:
    confirm_url = optin.absolute_url(
        "newsletter:confirm", token=token, language=subscription.language
    )
    _mail(
        template="confirm",
        recipient=recipient,
        subscription=subscription,
        context={"confirm_url": confirm_url, "hours": settings.CONFIRMATION_TOKEN_HOURS},
    )


@transaction.atomic
def subscription_request(*, email: str, language: str) -> None:
    """Ask to subscribe `email` in `language`.

    Whatever the state of the address, the caller learns nothing (no return value), so the
    form always answers "check your inbox". A new address gets a subscription awaiting
    confirmation and a confirmation mail; an address awaiting confirmation gets a fresh link;
    a confirmed one gets a mail saying it is already subscribed. Nothing else changes: the
    language and consent of an existing subscription stay as they were.
    Raises ValidationError if `email` is not an address.
    """
    recipient = email.strip()
    key = identity.email_hmac(identity.normalise_email(recipient))
    subscription = Subscription.objects.select_for_update().filter(email_hmac=key).first()
    if network.key_limited(
        key, scope="newsletter-mail", limit=settings.MAILS_PER_ADDRESS_PER_HOUR, period=3600
    ):
        return
    if subscription is None:
        nonce = secrets.token_hex(16)
        subscription = Subscription(
            email_hmac=key,
            sealed=crypto.seal({"email": recipient}),
            address=crypto.mailing_encrypt(recipient),
            language=language,
            consent_version=CONSENT_VERSION,
            unsubscribe_nonce=nonce,
        )
        subscription.unsubscribe_token_hash = tokens.hash_token(
            unsubscribe_token(subscription=subscription)
        )
        token = _new_confirmation(subscription=subscription)
        try:
            with transaction.atomic():
                subscription.save()
        except IntegrityError:
            return  # the same address was subscribed at the same moment by another request
        _send_confirmation(subscription=subscription, recipient=recipient, token=token)
    elif subscription.confirmed_at is None:
        token = _new_confirmation(subscription=subscription)
        # The confirmation goes to the address typed now: that is the one to keep.
        subscription.sealed = crypto.seal({"email": recipient})
        subscription.address = crypto.mailing_encrypt(recipient)
        subscription.save(update_fields=["token_hash", "token_expires_at", "sealed", "address"])
        _send_confirmation(subscription=subscription, recipient=recipient, token=token)
    else:
        _mail(
            template="already_subscribed",
            recipient=recipient,
            subscription=subscription,
            context={},
        )


def subscription_for_signer(*, email: str, language: str, consent_version: int) -> None:
    """A signer ticked "keep me informed": hold their address for the subscription their
    signature's confirmation will confirm (subscription_confirm_for_signer). No mail of its
    own: the petition's confirmation mail is the double opt-in. A confirmed subscription
    stays as it is; one awaiting confirmation takes this address and language (the newest
    wins, as for the signature) and is kept from the purge as long as the signature is.
    Call it in the signature's transaction.

    One statement on the sign path: an INSERT whose conflict on the address key refreshes a
    subscription awaiting confirmation and leaves a confirmed one alone (SQLite and
    PostgreSQL both have `ON CONFLICT ... DO UPDATE ... WHERE`)."""
    recipient = email.strip()
    subscription = Subscription(
        email_hmac=identity.email_hmac(identity.normalise_email(recipient)),
        sealed=crypto.seal({"email": recipient}),
        address=crypto.mailing_encrypt(recipient),
        language=language,
        consent_version=consent_version,
        unsubscribe_nonce=secrets.token_hex(16),
    )
    subscription.unsubscribe_token_hash = tokens.hash_token(
        unsubscribe_token(subscription=subscription)
    )
    upsert.insert(
        subscription,
        conflict="email_hmac",
        refresh=PENDING_REFRESH,
        refresh_while_null="confirmed_at",
    )


# What a signer's new "keep me informed" changes in a subscription still awaiting confirmation.
PENDING_REFRESH = ("sealed", "address", "language", "consent_version", "created_at")


def subscription_confirm_for_signer(*, email_hmac: str) -> bool:
    """The signer of `email_hmac` confirmed a signature made with "keep me informed": their
    subscription awaiting confirmation is confirmed (the signature's link proved the address).
    False when there is none (never asked, already confirmed, or purged)."""
    updated = (
        Subscription.objects.unconfirmed()
        .filter(email_hmac=email_hmac)
        .exclude(address=b"")
        .update(confirmed_at=timezone.now(), token_hash=None, token_expires_at=None)
    )
    return updated > 0


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscription | None:
    """Confirm the subscription the link belongs to; None if the link is unknown, used or
    expired. The token works once."""
    pending = Subscription.objects.unconfirmed().filter(token_expires_at__gt=timezone.now())
    subscription = optin.find(pending, token=token)
    if subscription is None:
        return None
    now = timezone.now()
    updated = Subscription.objects.filter(
        pk=subscription.pk, token_hash=subscription.token_hash
    ).update(confirmed_at=now, token_hash=None, token_expires_at=None)
    if not updated:
        return None
    subscription.refresh_from_db()
    return subscription


def subscription_delete(*, token: str) -> bool:
    """Unsubscribe: the row, and with it the sealed address, is deleted. False if the link
    belongs to no subscription (already unsubscribed, or never valid)."""
    digest = optin.token_digest(token)
    if digest is None:
        return False
    deleted, _by_model = Subscription.objects.filter(unsubscribe_token_hash=digest).delete()
    return deleted > 0


def subscriptions_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Delete subscriptions never confirmed within UNCONFIRMED_RETENTION_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.UNCONFIRMED_RETENTION_DAYS)
    deleted, _by_model = Subscription.objects.unconfirmed().filter(created_at__lt=cutoff).delete()
    return deleted


# Updates ---------------------------------------------------------------------------------

MAIL_UPDATE = "newsletter/mail/update"
# The unsubscribe token of a test mail: it belongs to no subscription, so it unsubscribes nobody.
TEST_MAIL_TOKEN = "test-mail"  # noqa: S105
SEND_BATCH = 50


def update_mail_context(*, translation: UpdateTranslation, unsubscribe_url: str) -> dict:
    """What an update mail shows (and the preview): the body as sanitised HTML and as its
    Markdown text (the plain-text part), the call to action if it has both link and words."""
    update = translation.update
    has_action = bool(update.call_to_action_url and translation.call_to_action_label)
    return {
        "subject": translation.subject,
        "body_html": richtext.markdown_to_html(translation.body),
        "body_text": translation.body.strip(),
        "action_url": update.call_to_action_url if has_action else "",
        "action_label": translation.call_to_action_label if has_action else "",
        "unsubscribe_url": unsubscribe_url,
    }


def update_send_test(*, translation: UpdateTranslation, recipient: str) -> None:
    """The update as a subscriber would get it, to a campaigner's own address. Its
    unsubscribe link has a token of no subscription: it unsubscribes nobody."""
    url = optin.absolute_url(
        "newsletter:unsubscribe", token=TEST_MAIL_TOKEN, language=translation.language
    )
    mail_enqueue(
        template=MAIL_UPDATE,
        recipient=recipient,
        language=translation.language,
        context=update_mail_context(translation=translation, unsubscribe_url=url),
        headers=unsubscribe_headers(url=url),
    )


def update_text_language(*, subscriber: str, written: set[str], fallback: bool) -> str | None:
    """The language of the update's text a subscriber of `subscriber`'s language gets: their
    own; else, only when the campaigner chose so (`fallback`), the first one written along
    their language's fallback chain (ending in English, then the source language); else None:
    they get nothing."""
    if subscriber in written:
        return subscriber
    if fallback:
        chain = languages.fallback_chain(subscriber)
        return next((code for code in chain if code in written), None)
    return None


def update_queue(*, update: Update, language: str | None = None, fallback: bool = False) -> int:
    """Queue `update` for every mailable subscriber in `language`, or in every language it is
    written in (each subscriber in their own). With `fallback`, subscribers of the languages
    it is not written in get it too, in the language their fallback chain reaches first.
    Starting it again queues only those not yet queued (someone who subscribed since):
    nobody gets it twice. Returns how many were queued now."""
    written = set(update.translations.values_list("language", flat=True))
    subscribers = Subscription.objects.mailable().order_by("pk")
    if language is not None:
        subscribers = subscribers.filter(language=language)
        fallback = False
    elif not fallback:
        subscribers = subscribers.filter(language__in=written)
    before = Delivery.objects.filter(update=update).count()
    batch: list[Delivery] = []
    for pk, subscriber_language in subscribers.values_list("pk", "language").iterator(
        chunk_size=2000
    ):
        text = update_text_language(
            subscriber=subscriber_language, written=written, fallback=fallback
        )
        if text is None:
            continue
        batch.append(Delivery(update=update, subscription_id=pk, language=text))
        if len(batch) >= 1000:
            Delivery.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Delivery.objects.bulk_create(batch, ignore_conflicts=True)
    return Delivery.objects.filter(update=update).count() - before


def _hand_over(delivery: Delivery, texts: dict[tuple[int, str], UpdateTranslation]) -> None:
    subscription = delivery.subscription
    url = unsubscribe_url(subscription=subscription)
    translation = texts[(delivery.update_id, delivery.language)]
    mail = mail_enqueue(
        template=MAIL_UPDATE,
        recipient=crypto.mailing_decrypt(bytes(subscription.address)),
        language=delivery.language,
        context=update_mail_context(translation=translation, unsubscribe_url=url),
        headers=unsubscribe_headers(url=url),
    )
    delivery.status, delivery.mail_id = Delivery.Status.SENDING, mail.pk


def deliveries_hand_over(*, now: dt.datetime | None = None) -> int:
    """The worker's job: hand the next queued deliveries to the outbox, no more than
    UPDATE_MAILS_PER_MINUTE in any minute. Each batch is one transaction: its mails are
    queued and its deliveries marked together, so a worker killed in the middle leaves the
    batch as it was (queued, no mail) and the next run does it once. Deliveries whose
    subscriber meanwhile bounced, or changed language to one the update lacks, wait no more:
    they fail. Returns how many mails were handed over."""
    now = now or timezone.now()
    deliveries_settle()
    recent = Delivery.objects.filter(handed_at__gt=now - dt.timedelta(minutes=1)).count()
    budget = settings.UPDATE_MAILS_PER_MINUTE - recent
    handed = 0
    while budget > 0:
        with transaction.atomic():
            batch = list(
                Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(status=Delivery.Status.QUEUED)
                .select_related("subscription")
                .order_by("pk")[: min(budget, SEND_BATCH)]
            )
            if not batch:
                break
            texts = {
                (text.update_id, text.language): text
                for text in UpdateTranslation.objects.filter(
                    update_id__in={delivery.update_id for delivery in batch}
                ).select_related("update")
            }
            for delivery in batch:
                delivery.handed_at = now
                subscription = delivery.subscription
                if (delivery.update_id, delivery.language) not in texts or (
                    subscription.bounced_at is not None
                ):
                    delivery.status = Delivery.Status.FAILED
                    continue
                _hand_over(delivery, texts)
                handed += 1
            Delivery.objects.bulk_update(batch, ["status", "mail_id", "handed_at"])
        budget -= len(batch)
    return handed


def deliveries_settle() -> int:
    """Deliveries whose mail the outbox has finished: sent (the row is gone) or failed for
    good. A refusal for good (5xx) counts against the subscription, which gets no more mail
    at UPDATE_BOUNCE_LIMIT. Returns how many deliveries were settled."""
    settled = last = 0
    while True:
        rows = list(
            Delivery.objects.filter(status=Delivery.Status.SENDING, pk__gt=last)
            .order_by("pk")
            .values_list("pk", "mail_id", "subscription_id")[:1000]
        )
        if not rows:
            return settled
        last = rows[-1][0]
        outcome = mails_outcome(ids=[mail_id for _pk, mail_id, _sub in rows if mail_id])
        sent = [pk for pk, mail_id, _sub in rows if mail_id not in outcome]
        failed = [
            (pk, subscription_id, outcome[mail_id][1])
            for pk, mail_id, subscription_id in rows
            if mail_id in outcome and outcome[mail_id][0] == "failed"
        ]
        with transaction.atomic():
            Delivery.objects.filter(pk__in=sent).update(status=Delivery.Status.SENT)
            Delivery.objects.filter(pk__in=[pk for pk, _s, _c in failed]).update(
                status=Delivery.Status.FAILED
            )
            refused = [sub for _pk, sub, code in failed if code and 500 <= code < 600]
            if refused:
                _bounces_add(refused)
        settled += len(sent) + len(failed)


def _bounces_add(subscription_ids: list[int]) -> None:
    for pk in subscription_ids:
        Subscription.objects.filter(pk=pk).update(bounces=F("bounces") + 1)
    Subscription.objects.filter(
        pk__in=subscription_ids, bounces__gte=settings.UPDATE_BOUNCE_LIMIT, bounced_at=None
    ).update(bounced_at=timezone.now())
