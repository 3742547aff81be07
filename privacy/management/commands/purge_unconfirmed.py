"""`manage.py purge_unconfirmed`: delete unconfirmed actions past their retention.

Signatures are purged here; the newsletter and the coalition purge their own unconfirmed rows
when their services offer it. The worker also runs each purge as a periodic job.
"""

from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand

from petitions.services import signatures_purge_unconfirmed

OTHER_PURGES = [
    ("newsletter.services", "subscriptions_purge_unconfirmed"),
    ("coalition.services", "applications_purge_unconfirmed"),
    ("coalition.services", "organisations_purge_unconfirmed"),
]


class Command(BaseCommand):
    help = "Delete unconfirmed signatures (and other unconfirmed actions) past retention."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"signatures: {signatures_purge_unconfirmed()} deleted")
        for module_name, function_name in OTHER_PURGES:
            try:
                purge = getattr(import_module(module_name), function_name, None)
            except ImportError:
                purge = None
            if purge is not None:
                self.stdout.write(f"{module_name}.{function_name}: {purge()} deleted")
