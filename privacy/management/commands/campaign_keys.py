"""`manage.py campaign_keys generate`: a new campaign key pair, printed and never stored.

Run it on the campaign's own (offline) computer. The public key goes into the server's
CAMPAIGN_PUBLIC_KEY; the private key stays with the campaign and opens exports with
`manage.py decrypt`. The server never writes it anywhere.
"""

from typing import Any

from django.core.management.base import BaseCommand

from privacy import crypto


class Command(BaseCommand):
    help = "Print a new campaign key pair (public for the server, private to keep offline)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("action", choices=["generate"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        public, private = crypto.generate_keypair()
        self.stdout.write(f"CAMPAIGN_PUBLIC_KEY={public}")
        self.stdout.write(f"CAMPAIGN_PRIVATE_KEY={private}")
        self.stderr.write(
            "Put CAMPAIGN_PUBLIC_KEY in the server's environment. Keep the private key "
            "offline (a password manager, a USB stick in a safe): without it no export can "
            "be read, and whoever has it can read them all. It was not saved anywhere."
        )
