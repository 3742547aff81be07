"""`manage.py export {signatures,subscribers,organisations}`: personal data as JSON lines,
still sealed.

Every line is one record and names its kind ("signature", "subscription", "organisation");
it holds what the server knows in clear (country, language, timestamps...) and, in "sealed",
the personal data still encrypted to the campaign's key (base64). The file reveals no one and
can be carried anywhere: only `manage.py decrypt` with the private key, offline, opens it.
Records are read with a server-side iterator in chunks, so memory stays flat for any number.
Each app registers its export (privacy.registry); `manage.py export NAME --help` lists its
filters.
"""

from contextlib import ExitStack
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from privacy import registry
from privacy.registry import export_line


class Command(BaseCommand):
    help = "Stream signatures, subscribers or organisations, personal data still sealed."

    def add_arguments(self, parser: CommandParser) -> None:
        names = parser.add_subparsers(dest="export", required=True, metavar="NAME")
        for export in registry.exports():
            sub = names.add_parser(export.name, help=export.help, description=export.help)
            sub.add_argument("--output", "-o", help="File to write (default: standard output).")
            for option in export.options:
                if option.switch:
                    sub.add_argument(option.flag, action="store_true", help=option.help)
                else:
                    sub.add_argument(option.flag, choices=option.choices, help=option.help)

    def handle(self, *args: Any, export: str, output: str | None, **options: Any) -> None:
        chosen = next(e for e in registry.exports() if e.name == export)
        filters = {option.name: options[option.name] for option in chosen.options}
        count = 0
        with ExitStack() as stack:
            target = (
                stack.enter_context(open(output, "w", encoding="utf-8")) if output else self.stdout
            )
            for record in chosen.records(**filters):
                target.write(export_line(chosen, record) + "\n")
                count += 1
        self.stderr.write(f"Exported {count} {chosen.name}.")
