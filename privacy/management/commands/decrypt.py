"""`manage.py decrypt --key-file KEY`: turn an export into a CSV, offline.

Meant for the campaign's own computer, never the server: it needs the private key, reads the
JSON lines of `manage.py export` one at a time and writes one CSV row each, with the columns
of the kind of records the export holds (signatures, subscribers, organisations), so any size
of export is decrypted in constant memory. It touches no database.
"""

import sys
from contextlib import ExitStack
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from privacy import registry
from privacy.offline import DecryptError, decrypt_export, read_private_key


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
            private_key = read_private_key(key_file)
        except DecryptError as exc:
            raise CommandError(str(exc)) from exc
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
            try:
                count = decrypt_export(
                    source=source,
                    target=target,
                    private_key=private_key,
                    layouts=registry.layouts(),
                )
            except DecryptError as exc:
                raise CommandError(str(exc)) from exc
        self.stderr.write(f"Decrypted {count} records.")
