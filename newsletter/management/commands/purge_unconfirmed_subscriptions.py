from typing import Any

from django.core.management.base import BaseCommand

from newsletter.services import subscriptions_purge_unconfirmed


class Command(BaseCommand):
    help = "Delete newsletter subscriptions not confirmed within UNCONFIRMED_RETENTION_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        count = subscriptions_purge_unconfirmed()
        self.stdout.write(f"Deleted {count} unconfirmed subscriptions.")
