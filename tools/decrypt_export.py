#!/usr/bin/env python3
"""Decrypt an export of the site into a CSV, offline, with the campaign's private key.

    python decrypt_export.py --key-file campaign.key < signatures.jsonl > signers.csv

This one file is all a campaigner needs besides Python 3.10+ and PyNaCl (`pip install
pynacl`): copy it to the computer that holds the private key, never to the server. It reads
an export (JSON lines, as the admin's signer export or `manage.py export` write them) one
line at a time and writes one CSV row per record: the record's fields as columns, its sealed
box opened into the columns of its kind (names, email addresses). Any size of export is
decrypted in constant memory, and nothing leaves the computer.

Cells a spreadsheet would take for a formula (starting with =, +, -, @, a tab or a line
break, also after spaces) are written with a leading ' so that Excel, LibreOffice or Google
Sheets show them as text: a signer's typed name never runs in the campaign's spreadsheet.

It opens exactly what the server seals (privacy/crypto.py: a libsodium sealed box to the
campaign's public key, holding a JSON object) with the columns the apps register
(privacy/registry.py); the site's tests check both against this file.
"""

from __future__ import annotations

import argparse
import base64
import csv
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

try:
    import nacl.encoding
    import nacl.exceptions
    import nacl.public
except ImportError:  # pragma: no cover - depends on the campaigner's computer
    sys.exit("This needs PyNaCl: pip install pynacl")

# What the sealed box of each kind of record holds: {field in the box: CSV column}, and
# whether every record of the kind has one (an organisation added by a campaigner has none).
LAYOUTS: dict[str, tuple[dict[str, str], bool]] = {
    "signature": (
        {"first_name": "first_name", "last_name": "last_name", "email": "email"},
        True,
    ),
    "subscription": ({"email": "email"}, True),
    "organisation": ({"email": "contact_email", "name": "contact_name"}, False),
}
# Signature exports made before every line named its kind.
UNNAMED_KIND = "signature"
FORMULA_START = frozenset("=+-@\t\r\n\0")


class DecryptError(Exception):
    """The key or a line of the export cannot be read; the message says which."""


def neutralise(value: Any) -> Any:
    """A cell no spreadsheet evaluates: text that could start a formula gets a quote."""
    if isinstance(value, str) and value.lstrip(" ")[:1] in FORMULA_START:
        return "'" + value
    return value


def read_private_key(path: str) -> str:
    """The bare base64 key, or the output of `manage.py campaign_keys generate` as saved."""
    try:
        text = Path(path).read_text().strip()
    except OSError as exc:
        raise DecryptError(f"Cannot read the key file: {exc}") from exc
    for line in text.splitlines():
        if line.startswith("CAMPAIGN_PRIVATE_KEY="):
            return line.split("=", 1)[1].strip()
    return text


def _box(private_key: str) -> nacl.public.SealedBox:
    try:
        key = nacl.public.PrivateKey(
            private_key.strip().encode(), encoder=nacl.encoding.Base64Encoder
        )
    except (ValueError, TypeError, nacl.exceptions.CryptoError) as exc:
        raise DecryptError(f"The key file holds no private key: {exc}") from exc
    return nacl.public.SealedBox(key)


def decrypt(
    *,
    source: Iterable[str],
    target: IO[str],
    private_key: str,
    layouts: Mapping[str, tuple[Mapping[str, str], bool]] = LAYOUTS,
) -> int:
    """Write the export `source` to `target` as CSV; returns the number of records."""
    box = _box(private_key)
    writer: Any = None  # a csv writer, made with the first record's columns
    kind = ""
    columns: list[str] = []
    sealed_columns: Mapping[str, str] = {}
    always_sealed = True
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
                sealed_columns, always_sealed = layouts[kind]
                columns = [
                    column
                    for field in record
                    for column in (sealed_columns.values() if field == "sealed" else [field])
                ]
                writer = csv.writer(target)
                writer.writerow([neutralise(column) for column in columns])
            elif record_kind != kind:
                raise ValueError(f"a {record_kind} in an export of {kind}s")
            sealed = record.pop("sealed", "")
            if not sealed and always_sealed:
                raise ValueError("no sealed data")
            opened = json.loads(box.decrypt(base64.b64decode(sealed))) if sealed else {}
            for field, column in sealed_columns.items():
                record[column] = opened.get(field, "")
        except (ValueError, TypeError, nacl.exceptions.CryptoError) as exc:
            raise DecryptError(f"Line {number} cannot be decrypted: {exc}") from exc
        writer.writerow([neutralise(record.get(column, "")) for column in columns])
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Decrypt an export (JSON lines) into CSV with the campaign's private key."
    )
    parser.add_argument("--key-file", required=True, help="File holding the private key.")
    parser.add_argument("--input", "-i", help="Export file (default: standard input).")
    parser.add_argument("--output", "-o", help="CSV file (default: standard output).")
    args = parser.parse_args(argv)
    try:
        private_key = read_private_key(args.key_file)
        with (
            open(args.input, encoding="utf-8") if args.input else _stdin() as source,
            open(args.output, "w", encoding="utf-8", newline="")
            if args.output
            else _stdout() as target,
        ):
            count = decrypt(source=source, target=target, private_key=private_key)
    except DecryptError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print(f"Decrypted {count} records.", file=sys.stderr)
    return 0


def _stdin() -> IO[str]:
    stream = sys.stdin
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8")
    return _Unclosed(stream)  # type: ignore[return-value]


def _stdout() -> IO[str]:
    stream = sys.stdout
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8", newline="")
    return _Unclosed(stream)  # type: ignore[return-value]


class _Unclosed:
    """A standard stream in a `with` block, left open at its end."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __enter__(self) -> IO[str]:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        self.stream.flush()


if __name__ == "__main__":
    sys.exit(main())
