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
from django_countries import countries

from campaigns.models import Campaign, CampaignTranslation
from campaigns.selectors import CurrentCampaign, campaign_current
from core import optin
from petitions import europe
from petitions.models import (
    Signature,
    SignatureCounting,
    SignatureDaily,
    SignatureQuerySet,
    SignatureTally,
)
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


def partner_totals(*, source: str) -> dict[str, Any]:
    """A partner's confirmed signatures (valid ones, as the counting job keeps them per day
    in SignatureDaily): the total and per country, largest first, with the country's name
    in the active language. Never a scan of the signatures table."""
    rows = (
        SignatureDaily.objects.filter(source=source)
        .values("country")
        .annotate(confirmed=Sum("confirmed"))
        .filter(confirmed__gt=0)
    )
    by_country = sorted(
        (
            {
                "code": row["country"],
                "name": str(countries.name(row["country"]) or row["country"]),
                "confirmed": int(row["confirmed"]),
            }
            for row in rows
        ),
        key=lambda row: (-row["confirmed"], row["name"]),
    )
    return {
        "partner_total": sum(row["confirmed"] for row in by_country),
        "partner_countries": by_country,
    }


@dataclass(frozen=True)
class CountryNumbers:
    """One country's line on the numbers page. `per_million` and `shade` only for the EU
    member states (their populations are known); `shade` is the map class (1 = fewest per
    million), 0 for a member state without signatures."""

    code: str
    name: str
    count: int
    eu: bool
    population: int | None
    per_million: float | None
    shade: int | None

    @property
    def count_shown(self) -> str:
        return number_format(self.count, force_grouping=True)

    @property
    def per_million_shown(self) -> str:
        if self.per_million is None:
            return ""
        # Rounded here: number_format cuts off the further decimals (99.99 would read 99.9).
        return number_format(round(self.per_million, 1), decimal_pos=1, force_grouping=True)


MAP_CLASSES = 5


def map_breaks(*, highest: float) -> list[float]:
    """The lower bounds of the map's classes above the first, on the 1-2-5 ladder (0.1,
    0.2, 0.5, 1, 2, 5, 10, ...): the MAP_CLASSES - 1 highest steps not above `highest`, so
    the darkest class holds the leader and every bound is a round number a reader can
    compare. Fewer classes while the numbers are small."""
    steps: list[float] = []
    exponent = -1
    while True:
        for factor in (1, 2, 5):
            value = factor * 10**exponent if exponent >= 0 else factor / 10**-exponent
            if value > highest:
                return steps[-(MAP_CLASSES - 1) :]
            steps.append(value)
        exponent += 1


def map_shade(*, per_million: float, breaks: list[float]) -> int:
    """The class (1 = lightest) of a member state with signatures."""
    return 1 + sum(1 for bound in breaks if per_million >= bound)


def _number(value: float) -> str:
    return number_format(value, force_grouping=True)


@dataclass(frozen=True)
class NumbersByCountry:
    rows: list[CountryNumbers]
    breaks: list[float]

    @property
    def legend(self) -> list[dict[str, Any]]:
        """The map's classes, lightest first: {"shade", "low", "high"}, formatted for the
        active language ("low" None for the first, "high" None for the last), after the
        class of the member states without signatures (shade 0)."""
        legend: list[dict[str, Any]] = [{"shade": 0, "low": None, "high": None}]
        bounds: list[float | None] = [None, *self.breaks, None]
        for index in range(len(bounds) - 1):
            low, high = bounds[index], bounds[index + 1]
            legend.append(
                {
                    "shade": index + 1,
                    "low": None if low is None else _number(low),
                    "high": None if high is None else _number(high),
                }
            )
        return legend

    @property
    def eu(self) -> list[CountryNumbers]:
        return [row for row in self.rows if row.eu]


def country_numbers(*, petition: Petition) -> NumbersByCountry | None:
    """Signatures per country from the tallies (a few hundred rows at most): every member
    state (also without signatures) and every other country that signed, with names in the
    active language, most signatures first (equal counts by name). Per million inhabitants
    and the map's class only for the member states. None when the campaign hides its
    statistics."""
    if not petition.statistics_visible:
        return None
    tallies = dict(SignatureTally.objects.filter(count__gt=0).values_list("country", "count"))
    populations = europe.populations()
    per_million = {
        code: tallies.get(code, 0) / population * 1_000_000
        for code, population in populations.items()
    }
    breaks = map_breaks(highest=max(per_million.values(), default=0))
    rows = []
    for code in europe.EU_MEMBER_STATES | set(tallies):
        count = int(tallies.get(code, 0))
        eu = code in europe.EU_MEMBER_STATES
        shade = None
        if eu:
            shade = map_shade(per_million=per_million[code], breaks=breaks) if count else 0
        rows.append(
            CountryNumbers(
                code=code,
                name=str(countries.name(code)) or code,
                count=count,
                eu=eu,
                population=populations.get(code),
                per_million=per_million.get(code),
                shade=shade,
            )
        )
    rows.sort(key=lambda row: (-row.count, row.name.casefold(), row.code))
    return NumbersByCountry(rows=rows, breaks=breaks)


def numbers_map(*, numbers: NumbersByCountry) -> dict[str, Any]:
    """The map of the member states for `numbers`: every state's shape (and circle, for the
    smallest) with its line of the table and its colour, the grey neighbours, the legend."""
    shapes = europe.europe_map()
    palette = europe.MAP_PALETTE
    return {
        "view_box": shapes["viewBox"],
        "context": shapes["context"],
        "countries": [
            {
                "row": row,
                "d": shapes["countries"][row.code],
                "marker": shapes["markers"].get(row.code),
                "fill": palette[row.shade or 0],
            }
            for row in sorted(numbers.eu, key=lambda row: row.code)
        ],
        "legend": [{**item, "fill": palette[item["shade"]]} for item in numbers.legend],
    }


def signature_by_confirmation_token(*, token: str) -> Signature | None:
    """The unconfirmed signature a confirmation token belongs to (expired or not)."""
    return optin.find(Signature.objects.unconfirmed(), token=token)


def signature_by_deletion_token(*, token: str) -> Signature | None:
    return optin.find(Signature.objects.all(), token=token, field="deletion_token_hash")


def signatures_for_export_filter(
    *,
    confirmed_only: bool = False,
    include_invalid: bool = False,
    country: str | None = None,
    consent: str | None = None,
) -> SignatureQuerySet:
    """The signatures an export with these filters holds: invalidated ones only with
    `include_invalid`; of one country (ISO code) if given; with `consent` "yes" only those
    who agreed to hear from the campaign, with "no" only those who did not."""
    queryset = Signature.objects.all()
    if confirmed_only:
        queryset = queryset.confirmed()
    if not include_invalid:
        queryset = queryset.valid()
    if country:
        queryset = queryset.filter(country=country.upper())
    if consent in EXPORT_CONSENT:
        queryset = queryset.filter(consent_contact=consent == "yes")
    return queryset


EXPORT_CONSENT = ("yes", "no")


def signatures_for_export(
    *,
    confirmed_only: bool = False,
    include_invalid: bool = False,
    country: str | None = None,
    consent: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Signatures (filtered as signatures_for_export_filter) in the order they were made,
    name and email address sealed. Read in chunks: constant memory for any number."""
    queryset = signatures_for_export_filter(
        confirmed_only=confirmed_only,
        include_invalid=include_invalid,
        country=country,
        consent=consent,
    ).order_by("pk")
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
    for sealed, country, language, agreed, version, created, confirmed, suspect, pk in rows:
        yield {
            "sealed": sealed,
            "country": str(country),
            "language": language,
            "consent": agreed,
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
