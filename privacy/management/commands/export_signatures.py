"""`manage.py export_signatures`: the encrypted signatures as JSON lines, streamed.

Each line holds what the server knows in clear (country, language, consent, timestamps) and
the sealed personal data, still encrypted to the campaign's key: the export can be carried
anywhere and only `manage.py decrypt` with the private key, offline, opens it. Rows are read
with a server-side iterator in chunks, so memory stays flat for any number of signatures.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand

from petitions.models import Signature
from privacy.crypto import b64

FIELDS = [
    "id",
    "country",
    "language",
    "consent_contact",
    "consent_version",
    "created_at",
    "confirmed_at",
    "suspect",
    "sealed",
]


def export_lines(*, confirmed_only: bool, include_invalid: bool = False):  # type: ignore[no-untyped-def]
    queryset = Signature.objects.order_by("pk")
    if confirmed_only:
        queryset = queryset.confirmed()
    if not include_invalid:
        queryset = queryset.valid()
    rows = queryset.values_list(*FIELDS).iterator(chunk_size=2000)
    for pk, country, language, consent, version, created, confirmed, suspect, sealed in rows:
        record = {
            "id": pk,
            "country": str(country),
            "language": language,
            "consent": consent,
            "consent_version": version,
            "created_at": created.isoformat(),
            "confirmed_at": confirmed.isoformat() if confirmed else None,
            "suspect": suspect,
            "sealed": b64(sealed),
        }
        yield json.dumps(record, separators=(",", ":")) + "\n"


class Command(BaseCommand):
    help = "Stream the signatures, personal data still encrypted, as JSON lines."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")
        parser.add_argument("--confirmed-only", action="store_true")
        parser.add_argument(
            "--include-invalid", action="store_true", help="Also invalidated signatures."
        )

    def handle(self, *args: Any, output: str | None, **options: Any) -> None:
        lines = export_lines(
            confirmed_only=options["confirmed_only"], include_invalid=options["include_invalid"]
        )
        count = 0
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                for line in lines:
                    handle.write(line)
                    count += 1
        else:
            for line in lines:
                self.stdout.write(line, ending="")
                count += 1
        self.stderr.write(f"Exported {count} signatures.")
