"""Read a translated PO file back: checked as a whole first, then written (content as
unreviewed translations, interface strings into the language's .po file)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from campaigns.po import ImportRefused, import_po


class Command(BaseCommand):
    help = "Import a translated PO file (all or nothing: a file with any error is refused)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", help="The PO file the translator returned.")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            data = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            report = import_po(data)
        except ImportRefused as refused:
            lines = "\n".join(f"- {problem}" for problem in refused.problems)
            raise CommandError(f"Nothing was imported; the file has problems:\n{lines}") from None
        self.stdout.write(
            f"{report.language}: {report.content} content texts and {report.interface} "
            "interface strings imported."
        )
        for item in report.skipped:
            self.stdout.write(
                f"Not imported (incomplete, the file lacks some of its texts): {item}"
            )
