"""Offline decryption of exports, on the campaign's own computer (never the server).

An export is JSON lines, one record each, personal data in a base64 "sealed" field. This reads
one line at a time and writes one CSV row, so any size of export is decrypted in constant
memory, and it touches no database.
"""

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from django.core.management.base import CommandError

from privacy.crypto import unb64, unseal


def read_private_key(path: str) -> str:
    """The bare key, or the output of `campaign_keys generate` saved as it is."""
    try:
        text = Path(path).read_text().strip()
    except OSError as exc:
        raise CommandError(f"Cannot read the key file: {exc}") from exc
    for line in text.splitlines():
        if line.startswith("CAMPAIGN_PRIVATE_KEY="):
            return line.split("=", 1)[1].strip()
    return text


def decrypt_export(
    *,
    source: Iterable[str],
    target: IO[str],
    private_key: str,
    columns: list[str],
    personal: dict[str, str],
    sealed_required: bool = True,
) -> int:
    """Write `source` (an export) to `target` as CSV with `columns`; `personal` maps each
    sealed field to its column. Returns the number of records."""
    writer = csv.DictWriter(target, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            sealed = record.pop("sealed", "")
            if not sealed and sealed_required:
                raise ValueError("no sealed data")
            opened = unseal(unb64(sealed), private_key=private_key) if sealed else {}
        except Exception as exc:
            raise CommandError(f"Line {number} cannot be decrypted: {exc}") from exc
        for field, column in personal.items():
            record[column] = opened.get(field, "")
        writer.writerow(record)
        count += 1
    return count
