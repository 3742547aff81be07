"""Reads for the hand-over: the figures of the delivery pack and the signer exports.

The pack's figures come from the per-country tallies (the total since the start) and the
per-day aggregate the counting job keeps (per language, and everything within a period):
never from the signatures table, and never a person. The signer export is petitions'
registered export, filtered (privacy.registry): one exporter for the command and the admin.
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Max, Min, Sum
from django.utils import timezone, translation
from django_countries import countries

from campaigns.selectors import campaign_current
from coalition.selectors import organisation_list_approved
from core import languages
from handover.models import SignerExport
from petitions.models import SignatureDaily, SignatureTally
from petitions.selectors import signatures_for_export_filter
from privacy import registry

SIGNATURES_EXPORT = "signatures"


@dataclass(frozen=True)
class Line:
    """One row of a table of the pack: a code (ISO country, language), its name in the
    pack's language and a number (or, for an organisation, its country's name)."""

    code: str
    name: str
    signatures: int = 0
    country: str = ""


@dataclass(frozen=True)
class DeliveryPack:
    language: str
    campaign: str
    petition_title: str
    petition_text: str
    addressees: str
    total: int
    goal: int
    # The period asked for, or else the first and last day a signature was confirmed.
    since: dt.date | None
    until: dt.date | None
    made_on: dt.date
    countries: list[Line]
    languages: list[Line] = field(default_factory=list)
    organisations: list[Line] = field(default_factory=list)


def country_name(code: str, *, language: str) -> str:
    with translation.override(language):
        return str(countries.name(code)) or code


def language_name(code: str, *, language: str) -> str:
    """The name of the language `code` in `language` ("Duits" for de in Dutch), or in
    itself where Django names it in no other language (Maltese)."""
    with translation.override(language):
        try:
            name = str(translation.get_language_info(code)["name_translated"])
        except KeyError:
            name = languages.name(code)
    return name[:1].upper() + name[1:]  # it starts a row of a table


def _sorted(lines: list[Line]) -> list[Line]:
    return sorted(lines, key=lambda line: (-line.signatures, line.name))


def delivery_pack(
    *,
    language: str,
    since: dt.date | None = None,
    until: dt.date | None = None,
    by_language: bool = True,
    organisations: bool = False,
) -> DeliveryPack:
    """The delivery pack in `language`: the petition's texts (or those of its fallback
    language), and the confirmed, valid signatures by country and, with `by_language`, by
    language. Without a period the countries come from the tallies (every signature counted
    so far); within a period (either end may be open) everything comes from the per-day
    aggregate, by the day signatures were confirmed. With `organisations`, the approved
    organisations of the coalition: their names and countries, nothing of their contacts."""
    current = campaign_current(language=language)
    texts = current.t if current else None
    daily = SignatureDaily.objects.filter(confirmed__gt=0)
    if since:
        daily = daily.filter(day__gte=since)
    if until:
        daily = daily.filter(day__lte=until)
    per_country: Iterable[tuple[str, int]]
    if since or until:
        per_country = daily.values_list("country").annotate(n=Sum("confirmed"))
    else:
        per_country = SignatureTally.objects.filter(count__gt=0).values_list("country", "count")
    country_lines = _sorted(
        [
            Line(code=code, name=country_name(code, language=language), signatures=int(n))
            for code, n in per_country
        ]
    )
    language_lines = []
    if by_language:
        language_lines = _sorted(
            [
                Line(code=code, name=language_name(code, language=language), signatures=int(n))
                for code, n in daily.values_list("language").annotate(n=Sum("confirmed"))
            ]
        )
    span = daily.aggregate(first=Min("day"), last=Max("day"))
    organisation_lines = []
    if organisations:
        organisation_lines = sorted(
            (
                Line(
                    code=str(org.country or ""),
                    name=org.name,
                    country=country_name(str(org.country), language=language)
                    if org.country
                    else "",
                )
                for org in organisation_list_approved()
            ),
            key=lambda line: (line.country, line.name.casefold()),
        )
    return DeliveryPack(
        language=language,
        campaign=texts.title if texts else "",
        petition_title=(texts.petition_title or texts.title) if texts else "",
        petition_text=texts.petition_text if texts else "",
        addressees=texts.petition_addressees if texts else "",
        total=sum(line.signatures for line in country_lines),
        goal=current.obj.goal if current else 0,
        since=since or span["first"],
        until=until or span["last"],
        made_on=timezone.localdate(),
        countries=country_lines,
        languages=language_lines,
        organisations=organisation_lines,
    )


def signer_export_count(*, confirmed_only: bool, country: str | None, consent: str | None) -> int:
    """How many records a signer export with these filters holds (one COUNT, in the admin
    only, to choose between streaming it and writing it in the background)."""
    return signatures_for_export_filter(
        confirmed_only=confirmed_only, country=country, consent=consent
    ).count()


def signer_export_lines(
    *, confirmed_only: bool, country: str | None, consent: str | None
) -> Iterator[str]:
    """The lines of the sealed signer export with these filters, each ending with a line
    break: exactly what `manage.py export signatures` writes with the same filters."""
    export = registry.export_get(SIGNATURES_EXPORT)
    records = export.records(confirmed_only=confirmed_only, country=country, consent=consent)
    for record in records:
        yield registry.export_line(export, record) + "\n"


def signer_export_list(*, limit: int = 20) -> list[SignerExport]:
    return list(SignerExport.objects.select_related("requested_by")[:limit])


def signer_export_busy() -> bool:
    """Whether an export is still being written (the admin page then refreshes itself)."""
    return SignerExport.objects.filter(
        state__in=[SignerExport.State.QUEUED, SignerExport.State.RUNNING]
    ).exists()
