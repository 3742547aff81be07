"""Offline decryption of exports, on the campaign's own computer (never the server).

An export is JSON lines, one record each, that name their kind ("signature", "subscription",
"organisation"), with the personal data in a base64 "sealed" field. This reads one line at a
time and writes one CSV row, with the fields of the records as columns and the sealed box
opened into the columns of its kind, so any size of export is decrypted in constant memory,
and it touches no database. Cells that a spreadsheet would take for a formula are written as
text (privacy.spreadsheet).
"""

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import nacl.exceptions

from privacy.crypto import unb64, unseal
from privacy.registry import Layout
from privacy.spreadsheet import SpreadsheetWriter

# Signature exports made before every line named its kind.
UNNAMED_KIND = "signature"


class DecryptError(Exception):
    """The key or a line of the export cannot be read; the message says which."""


def read_private_key(path: str) -> str:
    """The bare key, or the output of `campaign_keys generate` saved as it is."""
    try:
        text = Path(path).read_text().strip()
    except OSError as exc:
        raise DecryptError(f"Cannot read the key file: {exc}") from exc
    for line in text.splitlines():
        if line.startswith("CAMPAIGN_PRIVATE_KEY="):
            return line.split("=", 1)[1].strip()
    return text


def _columns(record: dict[str, Any], layout: Layout) -> list[str]:
    """The CSV columns of an export: its records' fields, the sealed box's in its place."""
    return [
        column
        for field in record
        for column in (layout.sealed.values() if field == "sealed" else [field])
    ]


def _open(record: dict[str, Any], *, layout: Layout, private_key: str) -> dict[str, Any]:
    """The record with its sealed fields opened into their columns."""
    sealed = record.pop("sealed", "")
    if not sealed and layout.always_sealed:
        raise ValueError("no sealed data")
    opened = unseal(unb64(sealed), private_key=private_key) if sealed else {}
    for field, column in layout.sealed.items():
        record[column] = opened.get(field, "")
    return record


def decrypt_export(
    *,
    source: Iterable[str],
    target: IO[str],
    private_key: str,
    layouts: Mapping[str, Layout],
) -> int:
    """Write `source` (one export) to `target` as CSV: a column for each field of its
    records, with the sealed box opened into the columns `layouts` gives its kind (an empty
    export gives an empty file). Returns the number of records."""
    writer: SpreadsheetWriter | None = None
    kind = ""
    count = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a record")
            record_kind = record.pop("kind", UNNAMED_KIND)
            if writer is None:
                kind = record_kind
                if kind not in layouts:
                    raise ValueError(f"no export has records of kind {kind!r}")
                layout = layouts[kind]
                writer = SpreadsheetWriter(target, fieldnames=_columns(record, layout))
                writer.writeheader()
            elif record_kind != kind:
                raise ValueError(f"a {record_kind} in an export of {kind}s")
            row = _open(record, layout=layout, private_key=private_key)
        except (ValueError, TypeError, nacl.exceptions.CryptoError) as exc:
            raise DecryptError(f"Line {number} cannot be decrypted: {exc}") from exc
        writer.writerow(row)
        count += 1
    return count
