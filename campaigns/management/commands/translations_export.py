"""Write the translators' PO file of one language: the campaign's content (the source text
beside each entry) and the interface strings."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from campaigns.po import export_po
from core import languages


class Command(BaseCommand):
    help = "Export one language's content and interface strings as a PO file for translators."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("language", help="A language code from settings.LANGUAGES.")
        parser.add_argument("-o", "--output", help="Write to this file (default: stdout).")

    def handle(self, *args: Any, language: str, output: str | None, **options: Any) -> None:
        if not languages.is_configured(language):
            raise CommandError(f"{language!r} is not one of the site's languages.")
        data = export_po(language)
        if output:
            Path(output).write_text(data, encoding="utf-8")
            self.stderr.write(f"Wrote {output}.")
        else:
            self.stdout.write(data, ending="")
