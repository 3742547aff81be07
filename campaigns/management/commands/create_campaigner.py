"""`manage.py create_campaigner USERNAME EMAIL`: the campaign team's admin account.

A staff account in the "Campaigner" group (content, translations, updates, coalition review,
numbers and exports; no technical models), with a random password printed once. Also brings
the group's permissions up to date. The first account of a production site is made with
`manage.py createsuperuser` (for the operator) and this command (for the campaign).
"""

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from campaigns import services


class Command(BaseCommand):
    help = "Create a campaigner account (staff, Campaigner group); prints its password once."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument("email")

    def handle(self, *args: Any, username: str, email: str, **options: Any) -> None:
        password = secrets.token_urlsafe(12)
        try:
            services.campaigner_create(username=username, email=email, password=password)
        except ValueError as exc:
            raise CommandError(f"The username {username} is taken.") from exc
        self.stdout.write(
            f"Created the campaigner {username} (password shown only this once): {password}\n"
            "They should change it at once (admin, top right: change password)."
        )
