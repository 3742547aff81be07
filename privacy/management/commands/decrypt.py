"""`manage.py decrypt --key-file KEY`: turn an export into a CSV, offline.

Meant for the campaign's own computer, never the server: it needs the private key, reads the
JSON lines of `export_signatures` one at a time and writes one CSV row each, so any size of
export is decrypted in constant memory. It touches no database.
"""

import csv
import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from privacy.crypto import unb64, unseal

COLUMNS = [
    "first_name",
    "last_name",
    "email",
    "country",
    "language",
    "consent",
    "consent_version",
    "created_at",
    "confirmed_at",
    "suspect",
    "id",
]


class Command(BaseCommand):
    help = "Decrypt an export (JSON lines) into CSV with the campaign's private key. Offline."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--key-file", required=True, help="File holding the private key.")
        parser.add_argument("--input", "-i", help="Export file (default: standard input).")
        parser.add_argument("--output", "-o", help="CSV file (default: standard output).")

    def handle(self, *args: Any, key_file: str, **options: Any) -> None:
        try:
            private_key = Path(key_file).read_text().strip()
        except OSError as exc:
            raise CommandError(f"Cannot read the key file: {exc}") from exc
        # Accept the bare key or the output of `campaign_keys generate` saved as it is.
        for line in private_key.splitlines():
            if line.startswith("CAMPAIGN_PRIVATE_KEY="):
                private_key = line.split("=", 1)[1].strip()
        with ExitStack() as stack:
            source = (
                stack.enter_context(open(options["input"], encoding="utf-8"))
                if options["input"]
                else sys.stdin
            )
            target = (
                stack.enter_context(open(options["output"], "w", encoding="utf-8", newline=""))
                if options["output"]
                else self.stdout
            )
            writer = csv.DictWriter(target, fieldnames=COLUMNS)
            writer.writeheader()
            count = 0
            for number, line in enumerate(source, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    personal = unseal(unb64(record.pop("sealed")), private_key=private_key)
                except Exception as exc:
                    raise CommandError(f"Line {number} cannot be decrypted: {exc}") from exc
                writer.writerow({**{key: record.get(key) for key in COLUMNS}, **personal})
                count += 1
        self.stderr.write(f"Decrypted {count} records.")
