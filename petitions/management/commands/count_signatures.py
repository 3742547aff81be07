"""`manage.py count_signatures [--rebuild]`: run the counting job now.

The worker runs the same job every few seconds, and its first run after deploying the
per-day aggregate builds it from the signatures table. `--rebuild` builds the aggregate
again from scratch (after signatures were loaded or changed behind the job's back).
"""

import time
from typing import Any

from django.core.management.base import BaseCommand

from petitions import services, tasks


class Command(BaseCommand):
    help = "Count new signatures into the tallies and the per-day aggregate (--rebuild: anew)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Build the per-day aggregate again from the signatures table first.",
        )

    def handle(self, *args: Any, rebuild: bool, **options: Any) -> None:
        started = time.monotonic()
        if rebuild:
            rows = services.signatures_daily_rebuild()
            self.stdout.write(f"per-day aggregate rebuilt: {rows} rows")
        counted = tasks.tallies_update()
        services.signature_counts_refresh(force=True)
        seconds = time.monotonic() - started
        self.stdout.write(f"confirmed signatures counted: {counted} ({seconds:.1f} s)")
