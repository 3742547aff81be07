"""`manage.py rotate_mailing_key`: re-encrypt every kept address with the current mailing key.

Rotation: generate a new key (`--generate` prints one), set it as MAILING_KEY and the old one
in MAILING_KEY_FALLBACKS on every server and worker, run this command once, then remove the
fallback. Addresses already under the current key are left alone, so the command can be run
again after an interruption.
"""

import base64
import secrets
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from privacy import crypto
from privacy.fields import MailingAddressField

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt every kept address (subscribers, contacts) with the current MAILING_KEY."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--generate", action="store_true", help="Only print a new key; change nothing."
        )

    def handle(self, *args: Any, generate: bool = False, **options: Any) -> None:
        if generate:
            self.stdout.write(base64.b64encode(secrets.token_bytes(32)).decode())
            return
        total = 0
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, MailingAddressField):
                    total += self._rotate(model, field.attname)
        self.stdout.write(f"Re-encrypted {total} addresses.")

    def _rotate(self, model: Any, name: str) -> int:
        changed = 0
        last = 0
        while True:
            with transaction.atomic():
                rows = list(
                    model.objects.select_for_update()
                    .filter(pk__gt=last)
                    .exclude(**{name: b""})
                    .order_by("pk")
                    .values_list("pk", name)[:BATCH]
                )
                if not rows:
                    return changed
                for pk, blob in rows:
                    try:
                        renewed = crypto.mailing_reencrypt(blob)
                    except crypto.MailingKeyError as exc:
                        raise CommandError(
                            f"{model._meta.label} #{pk}: {exc} Stopped; run again with its key set."
                        ) from exc
                    if renewed is not None:
                        model.objects.filter(pk=pk).update(**{name: renewed})
                        changed += 1
                last = rows[-1][0]
