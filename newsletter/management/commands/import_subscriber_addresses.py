"""`manage.py import_subscriber_addresses FILE`: give older subscriptions their mailing copy.

Subscriptions made before the mailing key existed hold their address only sealed to the
campaign's public key, which the server cannot open. The campaign decrypts them offline as
for any export (`manage.py export subscribers`, then `manage.py decrypt` on its own
computer) and feeds the CSV back here: each address is encrypted with the mailing key into
the subscription of its `id`, only if it is that subscription's address (same dedup key) and
it has no mailing copy yet. The private key never comes to the server. Delete the CSV after.
"""

import csv
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsletter.models import Subscription
from privacy import crypto, identity


class Command(BaseCommand):
    help = "Encrypt decrypted subscriber addresses (CSV: id, email) with the mailing key."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("csv_file", help="CSV of `manage.py decrypt` (subscribers export).")

    def handle(self, *args: Any, csv_file: str, **options: Any) -> None:
        imported = skipped = 0
        with open(csv_file, encoding="utf-8", newline="") as source:
            reader = csv.DictReader(source)
            if not {"id", "email"} <= set(reader.fieldnames or ()):
                raise CommandError("The CSV needs the columns id and email.")
            for row in reader:
                if self._import(row):
                    imported += 1
                else:
                    skipped += 1
        self.stdout.write(f"Imported {imported} addresses, skipped {skipped}.")

    def _import(self, row: dict[str, str]) -> bool:
        email = (row.get("email") or "").strip()
        try:
            key = identity.email_hmac(identity.normalise_email(email))
            pk = int(row.get("id") or "")
        except (ValidationError, ValueError):
            return False
        updated = Subscription.objects.filter(pk=pk, email_hmac=key, address=b"").update(
            address=crypto.mailing_encrypt(email)
        )
        return updated > 0
