from typing import Any

from django.core.management.base import BaseCommand

from coalition.services import organisations_purge_unconfirmed


class Command(BaseCommand):
    help = "Delete coalition applications not confirmed within UNCONFIRMED_RETENTION_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        count = organisations_purge_unconfirmed()
        self.stdout.write(f"Deleted {count} unconfirmed applications.")
