"""Who someone is, without keeping who they are: normalised emails and their keyed hashes.

Normalisation rules (documented in docs/privacy.md):
- Unicode NFKC, surrounding white space removed, the whole address lower-cased;
- the domain converted to its ASCII (IDNA) form, a trailing dot removed;
- a "+tag" in the local part is removed for every domain (sub-addressing is the same inbox);
- dots in the local part are removed for gmail.com and googlemail.com (which ignore them),
  and googlemail.com counts as gmail.com.
The dedup key is HMAC-SHA256 of that normalised address under DEDUP_KEY, a secret used for
nothing else, so the hash is neither the confirmation secret nor guessable without the key.

A second keyed hash, of the address exactly as typed (exact_email_hmac), tells the variants
apart: `anna+x@`, `Anna@` and `anna@` are one signer, but only the address that signed may be
sent what belongs to that signer (a deletion link).
"""

import contextlib
import hashlib
import hmac
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}


def normalise_email(address: str) -> str:
    """The canonical form of an address, or ValidationError if it is not one."""
    text = unicodedata.normalize("NFKC", address).strip()
    if "@" not in text:
        raise ValidationError("invalid email", code="invalid")
    local, _sep, domain = text.rpartition("@")
    domain = domain.lower().rstrip(".")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValidationError("invalid email", code="invalid") from exc
    local = local.lower()
    if "+" in local:
        local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local = local.replace(".", "")
        domain = "gmail.com"
    normalised = f"{local}@{domain}"
    validate_email(normalised)
    return normalised


def email_hmac(normalised_email: str) -> str:
    """The dedup key of an already normalised address (hex, 64 characters)."""
    return hmac.new(
        bytes(settings.DEDUP_KEY), normalised_email.encode(), hashlib.sha256
    ).hexdigest()


def _domain_ascii(domain: str) -> str:
    """A domain as DNS sees it: lower-case, no trailing dot, in its ASCII (IDNA) form."""
    text = domain.strip().lower().rstrip(".")
    with contextlib.suppress(UnicodeError):
        text = text.encode("idna").decode("ascii")
    return text


def exact_email_hmac(address: str) -> str:
    """The keyed hash of an address exactly as typed: surrounding white space removed and the
    domain in its DNS form (which changes nothing about where mail goes), the local part
    untouched, so case, dots and a "+tag" all count (hex, 64 characters)."""
    local, _sep, domain = address.strip().rpartition("@")
    exact = f"{local}@{_domain_ascii(domain)}"
    digest = hmac.new(bytes(settings.DEDUP_KEY), f"exact:{exact}".encode(), hashlib.sha256)
    return digest.hexdigest()


def email_domain(normalised_email: str) -> str:
    return normalised_email.rpartition("@")[2]


def domain_hmac(domain: str) -> str:
    """The keyed hash of an email domain (lower-case, IDNA), so a campaigner can invalidate
    every signature from a domain without the server storing any domain in clear."""
    text = _domain_ascii(domain)
    if text == "googlemail.com":
        text = "gmail.com"
    return hmac.new(
        bytes(settings.DEDUP_KEY), f"domain:{text}".encode(), hashlib.sha256
    ).hexdigest()
