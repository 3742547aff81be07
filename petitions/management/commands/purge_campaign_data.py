"""`manage.py purge_campaign_data --yes`: the end of the campaign.

Deletes every signature, every tally and every queued mail, once the signatures have been
exported and delivered. There is no undo.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from petitions.services import campaign_data_purge


class Command(BaseCommand):
    help = "Delete all signatures, tallies and queued mail (end of campaign). Needs --yes."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--yes", action="store_true", help="Really delete everything.")

    def handle(self, *args: Any, yes: bool, **options: Any) -> None:
        if not yes:
            raise CommandError("This deletes all campaign data. Run again with --yes.")
        result = campaign_data_purge()
        for name, number in result.items():
            self.stdout.write(f"{name}: {number} deleted")
