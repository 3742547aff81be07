"""The dashboard's figures as tables: one per chart, each a title, column headers and rows
of raw values (dates and numbers; the page formats them, the CSV writes them as they are).
Every figure comes from rows kept by the counting job, the newsletter's subscriptions per
language and the coalition's waiting applications: a fixed number of small queries at any
number of signatures (docs/dashboard.md)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from coalition.selectors import applications_awaiting_review_dates
from core import languages
from newsletter.selectors import subscription_counts_by_language
from petitions.selectors import confirmed_by, signatures_per_day

CHARTS = ("confirmed", "rate", "countries", "languages", "sources", "subscribers", "coalition")


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    @property
    def values(self) -> list[float]:
        """The column each chart draws (the last one)."""
        return [float(row[-1] or 0) for row in self.rows]


def _rate(signed: int, confirmed: int) -> float | None:
    return round(confirmed * 100 / signed, 1) if signed else None


def source_name(code: str) -> str:
    return code or _("no partner source")


def _waiting_buckets(applied: list[dt.datetime], *, now: dt.datetime) -> list[tuple[str, int]]:
    limits = [
        (dt.timedelta(days=1), _("less than a day")),
        (dt.timedelta(days=3), _("1 to 3 days")),
        (dt.timedelta(days=7), _("3 to 7 days")),
        (None, _("a week or more")),
    ]
    counts = dict.fromkeys((label for _limit, label in limits), 0)
    for moment in applied:
        waited = now - moment
        label = next(label for limit, label in limits if limit is None or waited < limit)
        counts[label] += 1
    return list(counts.items())


def dashboard_tables(*, now: dt.datetime | None = None) -> dict[str, Table]:
    """The dashboard's tables by chart key (CHARTS, in that order), in the active
    language: countries and languages by name, the newest figures the job counted."""
    now = now or timezone.now()
    days = signatures_per_day()
    so_far = 0
    confirmed_rows = []
    for day, _signed, confirmed in days:
        so_far += confirmed
        confirmed_rows.append((day, confirmed, so_far))
    subscribers = [
        (languages.name(row["language"]), int(row["confirmed"]))
        for row in sorted(subscription_counts_by_language(), key=lambda r: -r["confirmed"])
        if row["confirmed"]
    ]
    tables = [
        Table(
            "confirmed",
            _("Confirmed signatures per day"),
            (_("Day"), _("Confirmed that day"), _("Confirmed so far")),
            confirmed_rows,
        ),
        Table(
            "rate",
            _("Confirmation rate per day"),
            (_("Day"), _("Signed"), _("Confirmed"), _("Confirmed per 100 signed")),
            [(day, signed, confirmed, _rate(signed, confirmed)) for day, signed, confirmed in days],
        ),
        Table(
            "countries",
            _("Confirmed signatures by country"),
            (_("Country"), _("Confirmed")),
            [(countries.name(code) or code, n) for code, n in confirmed_by("country")],
        ),
        Table(
            "languages",
            _("Confirmed signatures by language"),
            (_("Language"), _("Confirmed")),
            [(languages.name(code), n) for code, n in confirmed_by("language")],
        ),
        Table(
            "sources",
            _("Confirmed signatures by source"),
            (_("Source"), _("Confirmed")),
            [(source_name(code), n) for code, n in confirmed_by("source")],
        ),
        Table(
            "subscribers",
            _("Newsletter subscribers by language"),
            (_("Language"), _("Confirmed subscribers")),
            subscribers,
        ),
        Table(
            "coalition",
            _("Coalition applications waiting for review"),
            (_("Waiting for"), _("Applications")),
            _waiting_buckets(applications_awaiting_review_dates(), now=now),
        ),
    ]
    return {table.key: table for table in tables}
