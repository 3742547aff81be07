"""Reads of the coalition."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from coalition.models import Organisation
from core import optin
from core.caching import content_version
from core.security import origin_of
from privacy.tokens import hash_token


def organisation_list_approved() -> list[Organisation]:
    """Approved organisations in the campaigners' order (logos and links on the home page)."""
    return list(Organisation.objects.approved().order_by("order", "name"))


def ngo_count(*, elsewhere: int) -> int:
    """N in "Join N NGOs": approved organisations plus `elsewhere`, the endorsements the
    campaign counts outside this site."""
    return Organisation.objects.approved().count() + elsewhere


def organisation_by_confirmation_token(*, token: str) -> Organisation | None:
    """The application whose confirmation link carries `token` (expired or not)."""
    return optin.find(
        Organisation.objects.awaiting_confirmation(), token=token, field="confirmation_token_hash"
    )


def organisations_for_export(*, status: str | None = None) -> Iterator[dict[str, Any]]:
    """Organisations (of one status, if given) in the order they applied or were added, the
    contact person sealed (organisations added by a campaigner have none). Read in chunks."""
    rows = Organisation.objects.order_by("pk")
    if status:
        rows = rows.filter(status=status)
    fields = (
        "pk",
        "name",
        "website",
        "country",
        "status",
        "language",
        "statement",
        "created_at",
        "email_confirmed_at",
        "reviewed_at",
        "contact_sealed",
    )
    for values in rows.values_list(*fields).iterator(chunk_size=2000):
        record = dict(zip(fields, values, strict=True))
        pk, sealed = record.pop("pk"), record.pop("contact_sealed")
        yield {"id": pk, **record, "country": str(record["country"] or ""), "sealed": sealed}


@dataclass(frozen=True)
class PartnerSites:
    """What every public page with a partner link needs, read once per content version:
    the approved organisations' source codes and their websites' origins."""

    codes: frozenset[str]
    origins: tuple[str, ...]


# Per process, by content version (shared by every process; any change to an organisation
# starts a new one): a page with ?src= or a framed widget costs no query.
_partner_sites: dict[int, PartnerSites] = {}


def partner_sites() -> PartnerSites:
    version = content_version()
    found = _partner_sites.get(version)
    if found is None:
        rows = Organisation.objects.approved().values_list("source_code", "website")
        codes = frozenset(code for code, _website in rows if code)
        # A partner's frame is allowed only on its https website (scheme, host and port).
        origins = {origin_of(website) for _code, website in rows if website}
        found = PartnerSites(codes=codes, origins=tuple(sorted(o for o in origins if o)))
        _partner_sites.clear()
        _partner_sites[version] = found
    return found


def source_code_valid(value: str | None) -> str:
    """The source code in a link or form if it is an approved organisation's, else "": an
    unknown or withdrawn code is dropped without a word."""
    code = (value or "").strip().lower()
    return code if 0 < len(code) <= 40 and code in partner_sites().codes else ""


def source_cache_query(*, src: str | None) -> str:
    """What a page with ?src= is cached under (core.caching.cached_page `query`): one entry
    per approved partner's code, and the bare page's for every other value, so made-up
    codes cannot fill the cache."""
    code = source_code_valid(src)
    return f"src={code}" if code else ""


def organisation_by_partner_token(*, token: str) -> Organisation | None:
    """The approved organisation whose partner link carries `token`, or None."""
    if not token or len(token) > 100:
        return None
    return (
        Organisation.objects.approved()
        .exclude(source_code=None)
        .filter(partner_token_hash=hash_token(token))
        .first()
    )


def applications_awaiting_review_dates() -> list[dt.datetime]:
    """When each application that waits for a campaigner's review was made, oldest first
    (a few dozen rows at most: one per organisation)."""
    return list(
        Organisation.objects.awaiting_review()
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
