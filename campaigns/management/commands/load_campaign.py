"""Load the Stop Scanning Me content (campaign, reasons, how-CSAR page, testimonials, news).

Safe to run any time: it only adds what is missing and leaves campaigners' edits alone.
`--reset` writes the shipped texts back over edited ones (rows added in the admin stay)."""

from typing import Any

from django.core.management.base import BaseCommand

from campaigns.services import campaign_content_load


class Command(BaseCommand):
    help = "Load the Stop Scanning Me campaign content (idempotent)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Overwrite edited texts with the shipped content.",
        )

    def handle(self, *args: Any, reset: bool, **options: Any) -> None:
        report = campaign_content_load(reset=reset)
        self.stdout.write(f"Campaign content: {report.created} created, {report.updated} updated.")
