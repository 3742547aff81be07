"""CSV files that spreadsheets open as data, never as formulas: the one CSV writer of the
project (a test keeps it the only one).

A spreadsheet (Excel, LibreOffice Calc, Google Sheets) reads a cell that starts with `=`, `+`,
`-` or `@` as a formula, and a tab, a line break or a NUL before one can do the same. A
signer's name is typed by anyone, so such a cell could make the campaigner's spreadsheet fetch
a URL or worse when the decrypted export is opened. Every such cell, also after leading
spaces, is written with a `'` in front: spreadsheets show it as text and hide the quote
(OWASP's advice for CSV injection). Someone reading the file as plain text sees the quote.
"""

import csv
from collections.abc import Iterable, Mapping
from typing import IO, Any

FORMULA_START = frozenset("=+-@\t\r\n\0")


def neutralise(value: Any) -> Any:
    """`value` as a cell no spreadsheet evaluates: a text that could start a formula gets a
    leading quote; anything else is returned as it is."""
    if isinstance(value, str) and value.lstrip(" ")[:1] in FORMULA_START:
        return "'" + value
    return value


class SpreadsheetWriter:
    """csv.DictWriter whose every cell, header included, goes through `neutralise`."""

    def __init__(self, target: IO[str], *, fieldnames: Iterable[str]) -> None:
        self.fieldnames = list(fieldnames)
        self._writer = csv.DictWriter(target, fieldnames=self.fieldnames, extrasaction="ignore")

    def writeheader(self) -> None:
        self._writer.writerow({name: neutralise(name) for name in self.fieldnames})

    def writerow(self, row: Mapping[str, Any]) -> None:
        self._writer.writerow({name: neutralise(value) for name, value in row.items()})
