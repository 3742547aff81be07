"""Stream confirmed subscribers as JSON lines, their address still sealed.

Constant memory whatever the number of rows (an iterator over the primary key). Each line:
{"kind", "id", "language", "consent_version", "created_at", "confirmed_at", "sealed"}, with
"sealed" the base64 sealed box holding {"email": ...}; the campaign opens it offline with
its private key (`manage.py decrypt`).
"""

import json
from typing import Any

from django.core.management.base import BaseCommand

from newsletter.models import Subscription
from privacy.crypto import b64


class Command(BaseCommand):
    help = "Export confirmed newsletter subscribers (addresses sealed) as JSON lines."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--language", help="Only subscribers of this language.")

    def handle(self, *args: Any, language: str | None, **options: Any) -> None:
        rows = Subscription.objects.confirmed().order_by("pk")
        if language:
            rows = rows.filter(language=language)
        for row in rows.values_list(
            "pk", "language", "consent_version", "created_at", "confirmed_at", "sealed"
        ).iterator(chunk_size=2000):
            pk, lang, consent, created, confirmed, sealed = row
            line = {
                "kind": "subscription",
                "id": pk,
                "language": lang,
                "consent_version": consent,
                "created_at": created.isoformat(),
                "confirmed_at": confirmed.isoformat(),
                "sealed": b64(sealed),
            }
            self.stdout.write(json.dumps(line, separators=(",", ":")))
