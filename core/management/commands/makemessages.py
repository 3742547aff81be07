"""`makemessages` for every language in settings.LANGUAGES when no language is named: the
language list is declared once, in the settings, not again in the Makefile."""

from typing import Any

from django.core.management.commands import makemessages

from core import languages


class Command(makemessages.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        if not (options.get("locale") or options.get("exclude") or options.get("all")):
            options["locale"] = languages.configured()
        super().handle(*args, **options)
