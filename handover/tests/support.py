"""Data for the hand-over's tests: signers signed through the petition's own services, the
counts the counting job keeps, and a campaigner signed in to the admin."""

import datetime as dt

from petitions import services
from petitions.models import Signature, SignatureDaily, SignatureTally

# Names a signer may type: a formula, a quote, accents, Greek, Cyrillic, Maltese.
SIGNERS = [
    ("Anna", "Jansen", "anna.jansen@example.org", "NL", "nl", True),
    ('=HYPERLINK("http://evil.example")', "Żółć", "lukasz@example.pl", "PL", "pl", False),
    ("Γιώργος", "Παπαδόπουλος", "giorgos@example.gr", "GR", "el", True),
    ("Ħarry", "Borġ", "harry@example.mt", "MT", "mt", False),
    ("Иван", "Петров", "ivan@example.bg", "BG", "bg", True),
]


def sign(*, signers: list[tuple[str, str, str, str, str, bool]] = SIGNERS) -> None:
    """Sign through signature_create (sealed to the test campaign key) and confirm all."""
    for first, last, email, country, language, consent in signers:
        services.signature_create(
            first_name=first,
            last_name=last,
            email=email,
            country=country,
            language=language,
            consent=consent,
            consent_version=1 if consent else None,
            source_key="src",
            suspect=False,
        )
    Signature.objects.update(confirmed_at="2026-10-15T12:00:00Z", token_hash=None)


def counts() -> None:
    """What the counting job keeps: tallies since the start, and the per-day aggregate."""
    SignatureTally.objects.bulk_create(
        [
            SignatureTally(country="DE", count=1200),
            SignatureTally(country="NL", count=34),
            SignatureTally(country="GR", count=5),
        ]
    )
    rows = [
        (dt.date(2026, 9, 30), "DE", "de", 1000),
        (dt.date(2026, 10, 1), "DE", "de", 150),
        (dt.date(2026, 10, 2), "DE", "en", 50),
        (dt.date(2026, 10, 2), "NL", "nl", 34),
        (dt.date(2026, 11, 3), "GR", "el", 5),
    ]
    SignatureDaily.objects.bulk_create(
        [
            SignatureDaily(day=day, country=c, language=lang, signed=n + 1, confirmed=n)
            for day, c, lang, n in rows
        ]
    )
