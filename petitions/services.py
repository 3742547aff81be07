"""Writes for the petition: signing, confirming, deleting, counting, invalidating, purging.

Every write that needs a mail queues it (outbox.services.mail_enqueue) in the same short
transaction, so a signature is never stored without its mail, nor a mail queued for a
signature that was not stored.
"""

import datetime as dt
import itertools
import secrets
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.crypto import salted_hmac

from coalition.selectors import source_code_valid
from core import optin, upsert
from newsletter.services import subscription_confirm_for_signer, subscription_for_signer
from outbox.services import mail_enqueue, mail_enqueue_placeholder
from petitions.models import Signature, SignatureCounting, SignatureDaily, SignatureTally
from petitions.selectors import ALL_SIGNS_SHARDS, COUNT_CACHE_KEY
from privacy import crypto
from privacy.identity import (
    domain_hmac,
    email_domain,
    email_hmac,
    exact_email_hmac,
    normalise_email,
)
from privacy.network import key_hits, key_limited
from privacy.tokens import hash_token, new_token

TALLY_BATCH = 50_000
# A new signature is counted into SignatureDaily.signed once it is this old: by then every
# signing transaction that took a smaller primary key has committed (they take milliseconds),
# so moving the high-water mark past it skips none.
SIGNED_SETTLE = dt.timedelta(seconds=60)
# How often the job counts the pending, suspect and invalidated totals (SignatureCounting).
COUNTS_EVERY = dt.timedelta(seconds=60)
MAIL_CONFIRM = "petitions/mail/confirm"
MAIL_ALREADY_SIGNED = "petitions/mail/already_signed"


def _mail_allowed(key: str) -> bool:
    """Count one more petition mail for the signer `key` (confirmation, renewal, already
    signed, resend alike); False past MAILS_PER_ADDRESS_PER_HOUR. Nobody can flood an
    inbox through the petition, and the caller answers the same either way."""
    return not key_limited(
        key, scope="petition-mail", limit=settings.MAILS_PER_ADDRESS_PER_HOUR, period=3600
    )


def all_hits_count() -> None:
    """Count one sign post from any source (selectors.all_signs_this_minute), in one of
    ALL_SIGNS_SHARDS rows picked at random."""
    shard = secrets.randbelow(ALL_SIGNS_SHARDS)
    key_hits(f"all-{shard}", scope="sign-all", period=60)


def _deletion_token(key: str) -> str:
    """The deletion token of a signer, derived from their dedup key with a server secret, so
    every mail ever sent to them carries the same working link while the database holds only
    its hash (a dump alone cannot delete anyone)."""
    return salted_hmac("petitions.signature-deletion", key, algorithm="sha256").hexdigest()


def _enqueue_confirmation(*, signature: Signature, email: str, token: str, deletion: str) -> None:
    language = signature.language
    mail_enqueue(
        template=MAIL_CONFIRM,
        recipient=email,
        language=language,
        context={
            "confirm_url": optin.absolute_url("petitions:confirm", token=token, language=language),
            "delete_url": optin.absolute_url("petitions:delete", token=deletion, language=language),
            "expires_hours": settings.CONFIRMATION_TOKEN_HOURS,
        },
    )


def _hold_subscription(*, fields: dict, email: str) -> None:
    """ "Keep me informed" ticked: the address waits, with the mailing key, for the signature's
    confirmation to make it a subscription (one list with the newsletter's)."""
    if fields["consent_contact"]:
        subscription_for_signer(
            email=email, language=fields["language"], consent_version=fields["consent_version"] or 0
        )


def signature_create(
    *,
    first_name: str,
    last_name: str,
    email: str,
    country: str,
    language: str,
    consent: bool,
    consent_version: int | None,
    source_key: str,
    suspect: bool,
    source: str = "",
) -> None:
    """Sign, or sign again. The caller shows the same page whatever the outcome, so nobody
    learns from the response whether an address has signed: a new or unconfirmed signer gets
    a (new) confirmation mail; a confirmed one signing again with the very address that
    signed gets a mail saying so, with the deletion link; a variant of that address (another
    case, a "+tag") gets nothing. Past the per-address mail limit nothing happens at all.

    Nor does the time it takes tell: every outcome does the same work in one transaction
    (the same sealing and hashing, a locked look-up, one write to the signature, one queued
    mail; a placeholder that the worker deletes unsent where no mail goes).

    `source` is the partner source code the form carried: kept only if it is an approved
    organisation's, else the signature has none (no error: a link may be old or mistyped)."""
    normalised = normalise_email(email)
    key = email_hmac(normalised)
    if not _mail_allowed(key):
        return
    exact = exact_email_hmac(email)
    deletion = _deletion_token(key)
    sealed = crypto.seal({"first_name": first_name, "last_name": last_name, "email": email})
    token, token_hash = new_token()
    fields = {
        "sealed": sealed,
        "country": country,
        "language": language,
        "consent_contact": consent,
        "consent_version": consent_version if consent else None,
        "exact_email_hmac": exact,
        "domain_hmac": domain_hmac(email_domain(normalised)),
        "source_key": source_key[:32],
        "token_hash": token_hash,
        "token_expires_at": optin.expiry(),
        "deletion_token_hash": hash_token(deletion),
        "source": source_code_valid(source),
    }
    with transaction.atomic():
        signature = Signature.objects.select_for_update().filter(email_hmac=key).first()
        if signature is None:
            signature = Signature(email_hmac=key, suspect=suspect, **fields)
            if upsert.insert(signature, conflict="email_hmac"):
                _hold_subscription(fields=fields, email=email)
                _enqueue_confirmation(
                    signature=signature, email=email, token=token, deletion=deletion
                )
                return
            # A twin request signed this address between the look-up and the insert.
            signature = Signature.objects.select_for_update().get(email_hmac=key)
        if signature.confirmed_at is None:
            # The person may have corrected a typo: the newest data wins, the old link dies.
            for name, value in fields.items():
                setattr(signature, name, value)
            signature.suspect = signature.suspect or suspect
            signature.save()
            _hold_subscription(fields=fields, email=email)
            _enqueue_confirmation(signature=signature, email=email, token=token, deletion=deletion)
            return
        signature.suspect = signature.suspect or suspect
        signature.save(update_fields=["suspect"])
        if signature.exact_email_hmac != exact:
            # A variant of the address that signed: its owner may be someone else.
            mail_enqueue_placeholder(recipient=email, language=language)
            return
        delete_url = optin.absolute_url("petitions:delete", token=deletion, language=language)
        mail_enqueue(
            template=MAIL_ALREADY_SIGNED,
            recipient=email,
            language=language,
            context={"delete_url": delete_url},
        )


def signature_resend_confirmation(*, email: str, language: str) -> bool:
    """A new confirmation token and mail for an unconfirmed signature made with exactly this
    address (the old link dies). False, and nothing happens, when there is none, for an
    address the rules cannot normalise, or past the per-address mail limit: the caller shows
    the same page either way. When there is none, a placeholder mail is queued (and deleted
    unsent by the worker), so the time taken does not tell either."""
    try:
        normalised = normalise_email(email)
    except ValidationError:
        return False
    key = email_hmac(normalised)
    if not _mail_allowed(key):
        return False
    token, token_hash = new_token()
    deletion = _deletion_token(key)
    with transaction.atomic():
        signature = (
            Signature.objects.select_for_update()
            .filter(email_hmac=key, exact_email_hmac=exact_email_hmac(email))
            .filter(confirmed_at__isnull=True)
            .first()
        )
        if signature is None:
            mail_enqueue_placeholder(recipient=email, language=language)
            return False
        signature.token_hash = token_hash
        signature.token_expires_at = optin.expiry()
        signature.deletion_token_hash = hash_token(deletion)
        signature.language = language
        signature.save(
            update_fields=["token_hash", "token_expires_at", "deletion_token_hash", "language"]
        )
        _enqueue_confirmation(signature=signature, email=email, token=token, deletion=deletion)
    return True


def signature_confirm(*, token: str) -> Signature | None:
    """Confirm the signature of a valid, unexpired token and use the token up. None when the
    token is unknown, used or expired (nothing changes)."""
    with transaction.atomic():
        pending = Signature.objects.select_for_update().filter(
            confirmed_at__isnull=True, token_expires_at__gt=timezone.now()
        )
        signature = optin.find(pending, token=token)
        if signature is None:
            return None
        signature.confirmed_at = timezone.now()
        signature.token_hash = None
        signature.token_expires_at = None
        signature.save(update_fields=["confirmed_at", "token_hash", "token_expires_at"])
        if signature.consent_contact:
            subscription_confirm_for_signer(email_hmac=signature.email_hmac)
    return signature


def _tallies_add(counts: Counter[str], *, sign: int) -> None:
    for country, number in counts.items():
        if not number:
            continue
        updated = SignatureTally.objects.filter(country=country).update(
            count=F("count") + sign * number
        )
        if not updated:
            SignatureTally.objects.create(country=country, count=sign * number)


def signature_delete(*, token: str) -> bool:
    """Delete the signature of a deletion token, and take it out of the tally if it was
    counted, in one transaction. False when the token matches nothing."""
    digest = optin.token_digest(token)
    if digest is None:
        return False
    return signatures_delete(queryset=Signature.objects.filter(deletion_token_hash=digest)) > 0


def signatures_delete(*, queryset: QuerySet[Signature]) -> int:
    """Delete signatures (a signer's link, a campaigner in the admin) and take those already
    counted out of the tallies, in one transaction. Returns how many were deleted."""
    with transaction.atomic():
        state = _counting_lock()
        rows = list(
            queryset.select_for_update()
            .order_by("pk")
            .values_list("pk", "country", "counted", *DAILY_FIELDS)
        )
        if not rows:
            return 0
        counts = Counter(str(row[1]) for row in rows if row[2])
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), 500):
            Signature.objects.filter(pk__in=ids[start : start + 500]).delete()
        _tallies_add(counts, sign=-1)
        if state is not None:
            _daily_add(_daily_counts(row[3:] for row in rows if row[2]), field="confirmed", sign=-1)
    cache.delete(COUNT_CACHE_KEY)
    return len(rows)


def tallies_update(*, batch: int = TALLY_BATCH) -> int:
    """The periodic counting job: add confirmed, valid, not yet counted signatures to the
    per-country tallies and mark them counted. Returns how many were added.

    Two workers may run it at once: on PostgreSQL each takes its batch with FOR UPDATE SKIP
    LOCKED (disjoint batches) and the tally rows are changed with `count = count + n` under
    their row locks; on SQLite the transaction is IMMEDIATE, so the runs queue up.

    In the same transaction each signature is added to its row of SignatureDaily (the day
    it was confirmed, its country, language and source): the aggregate and the tallies
    never disagree. The job's state row is locked first, so workers take their turns with
    the aggregate (and one builds it when it does not exist yet)."""
    if settings.STATISTICS_PAUSED:
        return 0
    with transaction.atomic():
        _counting_state()
        rows = list(
            Signature.objects.select_for_update(skip_locked=True)
            .filter(confirmed_at__isnull=False, counted=False, invalidated=False)
            .order_by("confirmed_at", "pk")
            .values_list("pk", "country", *DAILY_FIELDS)[:batch]
        )
        if not rows:
            return 0
        counts = Counter(str(row[1]) for row in rows)
        # Tally rows are locked in a fixed order so two workers never deadlock.
        for country in sorted(counts):
            SignatureTally.objects.get_or_create(country=country)
        list(SignatureTally.objects.select_for_update().filter(country__in=counts).order_by("pk"))
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), 500):
            Signature.objects.filter(pk__in=ids[start : start + 500]).update(counted=True)
        _tallies_add(counts, sign=1)
        _daily_add(_daily_counts(row[2:] for row in rows), field="confirmed", sign=1)
    cache.delete(COUNT_CACHE_KEY)
    return len(rows)


# The aggregate per day, country, language and source (SignatureDaily) ---------------------

DailyKey = tuple[dt.date, str, str, str]
# A signature's fields that place it in its SignatureDaily row (the day is the confirmation's
# for `confirmed`; the signing's for `signed`).
DAILY_FIELDS = ("confirmed_at", "country", "language", "source")


def _day(moment: dt.datetime) -> dt.date:
    """The campaign's calendar day (settings.TIME_ZONE) of a moment."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def _daily_counts(rows: Iterable[tuple[Any, ...]]) -> Counter[DailyKey]:
    """(moment, country, language, source) rows counted per SignatureDaily key."""
    return Counter(
        (_day(moment), str(country), language, source) for moment, country, language, source in rows
    )


def _daily_add(counts: Counter[DailyKey], *, field: str, sign: int) -> None:
    """Add (sign=1) or take out (sign=-1) counts to SignatureDaily's `field`, with
    `field = field + n` under each row's lock, rows always in key order (two transactions
    never wait for each other in a circle). Adding creates missing rows first; taking out
    only ever meets rows that an addition made."""
    keys = sorted(key for key, number in counts.items() if number)
    if not keys:
        return
    if sign > 0:
        SignatureDaily.objects.bulk_create(
            [
                SignatureDaily(day=d, country=c, language=lang, source=src)
                for d, c, lang, src in keys
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
    for day, country, language, source in keys:
        SignatureDaily.objects.filter(
            day=day, country=country, language=language, source=source
        ).update(**{field: F(field) + sign * counts[day, country, language, source]})


def _counting_lock() -> SignatureCounting | None:
    """The counting job's state row, locked until the transaction ends; None when the
    aggregate was never built (the job's next run builds it from the table, so there is
    nothing to correct in it)."""
    return SignatureCounting.objects.select_for_update().filter(pk=1).first()


def _counting_state(*, rebuild: bool = False) -> SignatureCounting:
    """The counting job's state row, locked until the transaction ends; made, and the
    aggregate built from the signatures table, when it does not exist (or `rebuild`)."""
    state = _counting_lock()
    if state is None:
        try:
            with transaction.atomic():
                state = SignatureCounting.objects.create(pk=1)
        except IntegrityError:
            # Another worker made it (and built the aggregate) first.
            return SignatureCounting.objects.select_for_update().get(pk=1)
        rebuild = True
    if rebuild:
        _daily_build(state)
    return state


def _daily_build(state: SignatureCounting) -> None:
    """SignatureDaily from scratch, by two GROUP BYs over the signatures table (once, when
    deploying the aggregate onto an existing database, or by `manage.py count_signatures
    --rebuild`): `signed` from every stored signature, `confirmed` from the counted ones
    (the tallies' signatures), and the high-water mark at the newest signature."""
    zone = timezone.get_default_timezone()
    last = Signature.objects.aggregate(last=Max("pk"))["last"] or 0
    totals: dict[DailyKey, dict[str, int]] = {}
    for field, moment, queryset in (
        ("signed", "created_at", Signature.objects.filter(pk__lte=last)),
        ("confirmed", "confirmed_at", Signature.objects.filter(counted=True)),
    ):
        grouped = (
            queryset.annotate(day=TruncDate(moment, tzinfo=zone))
            .values("day", "country", "language", "source")
            .annotate(number=Count("pk"))
            .order_by()
        )
        for row in grouped:
            key = (row["day"], str(row["country"]), row["language"], row["source"])
            totals.setdefault(key, {"signed": 0, "confirmed": 0})[field] += row["number"]
    SignatureDaily.objects.all().delete()
    SignatureDaily.objects.bulk_create(
        [
            SignatureDaily(day=d, country=c, language=lang, source=src, **numbers)
            for (d, c, lang, src), numbers in sorted(totals.items())
        ],
        batch_size=1000,
    )
    state.signed_through = last
    state.save(update_fields=["signed_through"])


def signatures_daily_rebuild() -> int:
    """Build SignatureDaily again from the signatures table (the job keeps it exact; this is
    for a database whose signatures were changed behind the job's back). Returns how many
    rows it has."""
    with transaction.atomic():
        _counting_state(rebuild=True)
    return SignatureDaily.objects.count()


def daily_signed_update(*, batch: int = TALLY_BATCH, now: dt.datetime | None = None) -> int:
    """The counting job's pass over new signatures: each one signed since the last pass (a
    primary key past the high-water mark) is added to SignatureDaily.signed on the day it
    was made, in its country, language and source as first seen (a later change of an
    unconfirmed signature, or its deletion, does not move it: it was signed that day).
    Signatures younger than SIGNED_SETTLE wait for the next pass. Returns how many were
    added; reads only rows it has not seen, so it costs the same at any table size."""
    if settings.STATISTICS_PAUSED:
        return 0
    settled = (now or timezone.now()) - SIGNED_SETTLE
    with transaction.atomic():
        state = _counting_state()
        rows = list(
            Signature.objects.filter(pk__gt=state.signed_through)
            .order_by("pk")
            .values_list("pk", "created_at", "country", "language", "source")[:batch]
        )
        # Stop at the first one too young: the mark never passes a signature not counted.
        taken = list(itertools.takewhile(lambda row: row[1] < settled, rows))
        if not taken:
            return 0
        _daily_add(_daily_counts(row[1:] for row in taken), field="signed", sign=1)
        state.signed_through = taken[-1][0]
        state.save(update_fields=["signed_through"])
    return len(taken)


def signature_counts_refresh(*, now: dt.datetime | None = None, force: bool = False) -> bool:
    """Count the dashboard's pending, suspect and invalidated totals into the job's state
    row, at most every COUNTS_EVERY unless `force`. Each is read from a partial index that
    holds only those signatures (models.Signature.Meta.indexes): pending ones are at most
    the signatures of the last CONFIRMATION_TOKEN_HOURS, suspect and invalidated ones the
    few a campaign flags. Returns whether it counted."""
    now = now or timezone.now()
    with transaction.atomic():
        state = _counting_state()
        if not force and state.counted_at and now - state.counted_at < COUNTS_EVERY:
            return False
        state.pending = Signature.objects.filter(
            token_expires_at__isnull=False, token_expires_at__gt=now
        ).count()
        state.suspect = Signature.objects.filter(suspect=True, invalidated=False).count()
        state.invalidated = Signature.objects.filter(invalidated=True).count()
        state.counted_at = now
        state.save(update_fields=["pending", "suspect", "invalidated", "counted_at"])
    return True


def signatures_invalidate(*, queryset: QuerySet[Signature]) -> int:
    """Invalidate signatures (fraud, a bot's domain or source) and take those already
    counted out of the tallies, in one transaction. Returns how many were invalidated."""
    with transaction.atomic():
        state = _counting_lock()
        rows = list(
            queryset.select_for_update()
            .filter(invalidated=False)
            .order_by("pk")
            .values_list("pk", "country", "counted", *DAILY_FIELDS)
        )
        if not rows:
            return 0
        counts = Counter(str(row[1]) for row in rows if row[2])
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), 500):
            Signature.objects.filter(pk__in=ids[start : start + 500]).update(
                invalidated=True, counted=False
            )
        _tallies_add(counts, sign=-1)
        if state is not None:
            _daily_add(_daily_counts(row[3:] for row in rows if row[2]), field="confirmed", sign=-1)
    cache.delete(COUNT_CACHE_KEY)
    return len(rows)


def signatures_filter_for_invalidation(
    *,
    domain: str = "",
    source_key: str = "",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> QuerySet[Signature]:
    """The signatures matching an admin's filter (all given criteria at once)."""
    queryset = Signature.objects.all()
    if domain:
        queryset = queryset.filter(domain_hmac=domain_hmac(domain))
    if source_key:
        queryset = queryset.filter(source_key=source_key.strip())
    if since:
        queryset = queryset.filter(created_at__gte=since)
    if until:
        queryset = queryset.filter(created_at__lt=until)
    return queryset


def signatures_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Delete unconfirmed signatures older than UNCONFIRMED_RETENTION_DAYS whose link has
    expired. Unconfirmed signatures were never counted, so the tallies do not change."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.UNCONFIRMED_RETENTION_DAYS)
    deleted, _detail = (
        Signature.objects.unconfirmed()
        .filter(created_at__lt=cutoff)
        .exclude(token_expires_at__gt=now)
        .delete()
    )
    return deleted


def campaign_data_purge() -> dict[str, int]:
    """End of campaign: delete every signature, every tally and every queued mail."""
    from outbox.services import outbox_purge

    with transaction.atomic():
        signatures, _detail = Signature.objects.all().delete()
        tallies, _detail = SignatureTally.objects.all().delete()
        SignatureDaily.objects.all().delete()
        SignatureCounting.objects.all().delete()
        mails = outbox_purge()
    cache.delete(COUNT_CACHE_KEY)
    return {"signatures": signatures, "tallies": tallies, "mails": mails}
