"""`manage.py decrypt_organisations --key-file KEY`: the coalition export as CSV, offline.

privacy's `decrypt` writes the signature columns; the coalition export carries other
columns (organisation, website, status...) and organisations added by a campaigner have no
sealed contact, so it has this companion. Like `decrypt` it runs on the campaign's own
computer with the private key, reads one JSON line at a time (constant memory) and touches
no database.
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
    "id",
    "name",
    "website",
    "country",
    "status",
    "language",
    "statement",
    "created_at",
    "email_confirmed_at",
    "reviewed_at",
    "contact_email",
    "contact_name",
]


def read_private_key(path: str) -> str:
    try:
        text = Path(path).read_text().strip()
    except OSError as exc:
        raise CommandError(f"Cannot read the key file: {exc}") from exc
    # The bare key, or the output of `campaign_keys generate` saved as it is.
    for line in text.splitlines():
        if line.startswith("CAMPAIGN_PRIVATE_KEY="):
            return line.split("=", 1)[1].strip()
    return text


class Command(BaseCommand):
    help = "Decrypt an export_organisations file (JSON lines) into CSV. Offline."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--key-file", required=True, help="File holding the private key.")
        parser.add_argument("--input", "-i", help="Export file (default: standard input).")
        parser.add_argument("--output", "-o", help="CSV file (default: standard output).")

    def handle(self, *args: Any, key_file: str, **options: Any) -> None:
        private_key = read_private_key(key_file)
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
            writer = csv.DictWriter(target, fieldnames=COLUMNS, extrasaction="ignore")
            writer.writeheader()
            count = 0
            for number, line in enumerate(source, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    sealed = record.pop("sealed", "")
                    contact = unseal(unb64(sealed), private_key=private_key) if sealed else {}
                except Exception as exc:
                    raise CommandError(f"Line {number} cannot be decrypted: {exc}") from exc
                record["contact_email"] = contact.get("email", "")
                record["contact_name"] = contact.get("name", "")
                writer.writerow(record)
                count += 1
        self.stderr.write(f"Decrypted {count} organisations.")
