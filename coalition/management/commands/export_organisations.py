"""Stream coalition organisations as JSON lines, the contact person still sealed.

Constant memory whatever the number of rows. Each line: {"kind", "id", "name", "website",
"country", "status", "language", "statement", "created_at", "email_confirmed_at",
"reviewed_at", "sealed"}; "sealed" is the base64 sealed box holding {"email", "name"} of the
contact (empty for organisations a campaigner added in the admin). The campaign opens it
offline with its private key: `manage.py decrypt_organisations` (privacy's `decrypt` has the
signatures' columns).
"""

import json
from typing import Any

from django.core.management.base import BaseCommand

from coalition.models import Organisation
from privacy.crypto import b64

FIELDS = (
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


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


class Command(BaseCommand):
    help = "Export coalition organisations (contacts sealed) as JSON lines."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--status",
            choices=[choice for choice, _label in Organisation.Status.choices],
            help="Only organisations with this status.",
        )

    def handle(self, *args: Any, status: str | None, **options: Any) -> None:
        rows = Organisation.objects.order_by("pk")
        if status:
            rows = rows.filter(status=status)
        for values in rows.values_list(*FIELDS).iterator(chunk_size=2000):
            row = dict(zip(FIELDS, values, strict=True))
            sealed = bytes(row["contact_sealed"] or b"")
            line = {
                "kind": "organisation",
                "id": row["pk"],
                "name": row["name"],
                "website": row["website"],
                "country": str(row["country"] or ""),
                "status": row["status"],
                "language": row["language"],
                "statement": row["statement"],
                "created_at": _iso(row["created_at"]),
                "email_confirmed_at": _iso(row["email_confirmed_at"]),
                "reviewed_at": _iso(row["reviewed_at"]),
                "sealed": b64(sealed) if sealed else "",
            }
            self.stdout.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
