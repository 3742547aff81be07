"""`manage.py purge_unconfirmed`: delete the unconfirmed actions past their retention.

Runs the purge every app registered (privacy.registry): signatures, newsletter subscriptions,
coalition applications. The worker runs the same purges every hour.
"""

from typing import Any

from django.core.management.base import BaseCommand

from privacy import registry


class Command(BaseCommand):
    help = "Delete unconfirmed signatures, subscriptions and applications past retention."

    def handle(self, *args: Any, **options: Any) -> None:
        for name, deleted in registry.purges_run().items():
            self.stdout.write(f"{name}: {deleted} deleted")
