"""Reads for the petition: the campaign texts beside the form, the counter, tokens, and the
aggregate the dashboard reads (SignatureDaily, SignatureCounting)."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.utils.formats import number_format

from campaigns.models import Campaign, CampaignTranslation
from campaigns.selectors import CurrentCampaign, campaign_current
from core import optin
from petitions.models import Signature, SignatureCounting, SignatureDaily, SignatureTally
from privacy.network import keys_count

COUNT_CACHE_KEY = "petitions:count"
COUNT_CACHE_SECONDS = 5


@dataclass(frozen=True)
class Petition:
    """The campaign as the petition shows it; the operators' switches (SIGNING_PAUSED,
    STATISTICS_PAUSED) win over the campaign's own."""

    campaign: CurrentCampaign | None

    @property
    def t(self) -> CampaignTranslation | None:
        return self.campaign.t if self.campaign else None

    @property
    def goal(self) -> int:
        return self.campaign.obj.goal if self.campaign else 0

    @property
    def state(self) -> str:
        """open, paused, closed or delivered (Campaign.State). The operators' SIGNING_PAUSED
        pauses an open petition; it never reopens or closes one."""
        state = self.campaign.obj.state if self.campaign else Campaign.State.OPEN
        if state == Campaign.State.OPEN and settings.SIGNING_PAUSED:
            return Campaign.State.PAUSED
        return str(state)

    @property
    def signing_open(self) -> bool:
        return self.state == Campaign.State.OPEN

    @property
    def is_over(self) -> bool:
        """Closed or delivered: no sign form, the final count and thanks."""
        return self.state in {Campaign.State.CLOSED, Campaign.State.DELIVERED}

    @property
    def statistics_visible(self) -> bool:
        if settings.STATISTICS_PAUSED:
            return False
        return self.campaign.obj.statistics_visible if self.campaign else True

    @property
    def proof_of_work(self) -> bool:
        """The campaigner's switch: every signer's browser solves a puzzle."""
        return self.campaign.obj.proof_of_work if self.campaign else False

    @property
    def consent_text(self) -> str:
        return self.t.consent_text if self.t else ""

    @property
    def consent_version(self) -> int | None:
        return self.t.consent_version if self.t and self.t.consent_text else None


def petition_get(*, language: str) -> Petition:
    """The petition of the campaign the site shows, with its texts in `language` or the
    default language."""
    return Petition(campaign=campaign_current(language=language))


def signature_count() -> int:
    """Confirmed, valid signatures: the sum of the per-country tallies (a few hundred rows
    at most), cached for a few seconds. Never a COUNT(*) over signatures on a request."""
    count = cache.get(COUNT_CACHE_KEY)
    if count is None:
        count = SignatureTally.objects.aggregate(total=Sum("count"))["total"] or 0
        cache.set(COUNT_CACHE_KEY, count, COUNT_CACHE_SECONDS)
    return int(count)


def petition_counter(*, petition: Petition) -> dict[str, Any]:
    """What the counter shows: the count, the goal (both also formatted for the active
    language, e.g. 100.000 in Dutch) and the progress in percent; nothing when hidden."""
    if not petition.statistics_visible:
        return {"show_counter": False}
    count = signature_count()
    goal = petition.goal
    return {
        "show_counter": True,
        "over": petition.is_over,
        "count": count,
        "goal": goal,
        "count_shown": number_format(count, force_grouping=True),
        "goal_shown": number_format(goal, force_grouping=True),
        "percent": min(100, count * 100 // goal) if goal else 0,
    }


def signature_by_confirmation_token(*, token: str) -> Signature | None:
    """The unconfirmed signature a confirmation token belongs to (expired or not)."""
    return optin.find(Signature.objects.unconfirmed(), token=token)


def signature_by_deletion_token(*, token: str) -> Signature | None:
    return optin.find(Signature.objects.all(), token=token, field="deletion_token_hash")


def signatures_for_export(
    *, confirmed_only: bool = False, include_invalid: bool = False
) -> Iterator[dict[str, Any]]:
    """Signatures in the order they were made, name and email address sealed; invalidated
    ones only with `include_invalid`. Read in chunks: constant memory for any number."""
    queryset = Signature.objects.order_by("pk")
    if confirmed_only:
        queryset = queryset.confirmed()
    if not include_invalid:
        queryset = queryset.valid()
    rows = queryset.values_list(
        "sealed",
        "country",
        "language",
        "consent_contact",
        "consent_version",
        "created_at",
        "confirmed_at",
        "suspect",
        "pk",
    ).iterator(chunk_size=2000)
    for sealed, country, language, consent, version, created, confirmed, suspect, pk in rows:
        yield {
            "sealed": sealed,
            "country": str(country),
            "language": language,
            "consent": consent,
            "consent_version": version,
            "created_at": created,
            "confirmed_at": confirmed,
            "suspect": suspect,
            "id": pk,
        }


# Sign posts from all sources are counted in this many rows per minute, so no single row is
# written by every request (privacy.network counts; summed when read).
ALL_SIGNS_SHARDS = 8


def all_signs_this_minute() -> int:
    """Sign posts from every source in the current minute."""
    keys = [f"all-{n}" for n in range(ALL_SIGNS_SHARDS)]
    return keys_count(keys, scope="sign-all", period=60)


def pow_difficulty(*, petition: Petition, source_posts: int) -> int:
    """How hard a proof of work the sign form asks of a source that has already sent
    `source_posts` sign posts this hour: POW_DIFFICULTY when the campaigner switched it on,
    when that source is past POW_SOURCE_SIGNS_PER_HOUR, or when all sources together are
    past POW_SIGNS_PER_MINUTE; otherwise POW_DIFFICULTY_NORMAL (0: none)."""
    if (
        petition.proof_of_work
        or source_posts >= settings.POW_SOURCE_SIGNS_PER_HOUR
        or all_signs_this_minute() > settings.POW_SIGNS_PER_MINUTE
    ):
        return int(settings.POW_DIFFICULTY)
    return int(settings.POW_DIFFICULTY_NORMAL)


# The dashboard's figures: read from the rows the counting job keeps, never from the
# signatures table. SignatureDaily holds a row per day, country, language and source that
# had a signature: its size grows with the campaign's days and reach, not its signatures.


@dataclass(frozen=True)
class SignatureTotals:
    """The dashboard's totals (docs/dashboard.md): confirmed as on the public counter;
    pending, suspect and invalidated as the counting job last counted them (`counted_at`,
    None before its first count)."""

    confirmed: int
    pending: int
    suspect: int
    invalidated: int
    counted_at: dt.datetime | None


def signature_totals() -> SignatureTotals:
    state = SignatureCounting.objects.filter(pk=1).first()
    return SignatureTotals(
        confirmed=signature_count(),
        pending=state.pending if state else 0,
        suspect=state.suspect if state else 0,
        invalidated=state.invalidated if state else 0,
        counted_at=state.counted_at if state else None,
    )


def signatures_per_day() -> list[tuple[dt.date, int, int]]:
    """(day, signed, confirmed) for every day from the first with a signature to the last
    (days without any included, as zeros), in order."""
    found = {
        row["day"]: (int(row["signed"] or 0), int(row["confirmed"] or 0))
        for row in SignatureDaily.objects.values("day")
        .annotate(signed=Sum("signed"), confirmed=Sum("confirmed"))
        .order_by()
    }
    if not found:
        return []
    first, last = min(found), max(found)
    days = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return [(day, *found.get(day, (0, 0))) for day in days]


def confirmed_by(field: str) -> list[tuple[str, int]]:
    """Confirmed signatures per country, language or source (`field`), most first; keys
    with none left out."""
    if field not in ("country", "language", "source"):
        raise ValueError(field)
    rows = (
        SignatureDaily.objects.values_list(field)
        .annotate(number=Sum("confirmed"))
        .filter(number__gt=0)
        .order_by("-number", field)
    )
    return [(str(key), int(number)) for key, number in rows]
