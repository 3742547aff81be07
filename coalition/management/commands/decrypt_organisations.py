"""`manage.py decrypt_organisations --key-file KEY`: the coalition export as CSV, offline.

privacy's `decrypt` writes the signature columns; the coalition export carries other
columns (organisation, website, status...) and organisations added by a campaigner have no
sealed contact, so it has this companion. Like `decrypt` it runs on the campaign's own
computer with the private key, reads one JSON line at a time (constant memory) and touches
no database.
"""

import sys
from contextlib import ExitStack
from typing import Any

from django.core.management.base import BaseCommand

from privacy.offline import decrypt_export, read_private_key

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
            count = decrypt_export(
                source=source,
                target=target,
                private_key=private_key,
                columns=COLUMNS,
                personal={"email": "contact_email", "name": "contact_name"},
                sealed_required=False,
            )
        self.stderr.write(f"Decrypted {count} organisations.")
