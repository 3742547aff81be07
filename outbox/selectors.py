"""Reads of the outbox: what staff must see when mail keeps failing."""

from dataclasses import dataclass

from django.db.models import Count

from outbox.models import MailText, OutgoingMail

# A mail still queued after this many failed tries is failing repeatedly.
REPEATED = 3


@dataclass(frozen=True)
class Trouble:
    failed: int  # given up (kept for OUTBOX_FAILED_RETENTION_DAYS)
    retrying: int  # still queued after REPEATED or more failed tries
    problems: list[tuple[str, int | None, int]]  # (problem label, SMTP code, mails), commonest

    def __bool__(self) -> bool:
        return bool(self.failed or self.retrying)


def outbox_trouble() -> Trouble:
    """Mails that failed for good or keep failing, and why (in our words, never a server's)."""
    troubled = OutgoingMail.objects.filter(status=OutgoingMail.Status.FAILED) | (
        OutgoingMail.objects.filter(status=OutgoingMail.Status.QUEUED, attempts__gte=REPEATED)
    )
    counts = {row["status"]: row["n"] for row in troubled.values("status").annotate(n=Count("pk"))}
    labels = dict(OutgoingMail.Problem.choices)
    problems = [
        (str(labels.get(row["problem"], row["problem"])), row["smtp_code"], row["n"])
        for row in troubled.values("problem", "smtp_code")
        .annotate(n=Count("pk"))
        .order_by("-n", "problem")[:3]
    ]
    return Trouble(
        failed=counts.get(OutgoingMail.Status.FAILED, 0),
        retrying=counts.get(OutgoingMail.Status.QUEUED, 0),
        problems=problems,
    )


def mails_outcome(*, ids: list[int]) -> dict[int, tuple[str, int | None]]:
    """(status, SMTP code) of the outbox rows with these ids that still exist. A row that is
    gone was sent (the outbox deletes a mail the moment the server takes it)."""
    rows = OutgoingMail.objects.filter(pk__in=ids).values_list("pk", "status", "smtp_code")
    return {pk: (status, code) for pk, status, code in rows}


def mail_text(*, kind: str, language: str) -> MailText | None:
    """The campaign's own text of a mail in `language`, or None: the shipped one is used."""
    return MailText.objects.filter(kind=kind, language=language).first()
