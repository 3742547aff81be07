"""The end-of-campaign path as the campaign walks it, for every app's tests: `manage.py
export` on the server, then `manage.py decrypt` offline with the campaign's private key."""

import csv
import io
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command


def export(name: str, **filters: Any) -> list[dict[str, Any]]:
    """The lines of `manage.py export NAME` (with its filters), parsed."""
    out = io.StringIO()
    call_command("export", name, stdout=out, stderr=io.StringIO(), **filters)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def export_text(name: str, **filters: Any) -> str:
    out = io.StringIO()
    call_command("export", name, stdout=out, stderr=io.StringIO(), **filters)
    return out.getvalue()


def decrypt(folder: Path, text: str, *, key: str = "") -> tuple[list[str], list[dict[str, str]]]:
    """`manage.py decrypt` of an export's `text` with the campaign's key (or `key`): the
    columns of the CSV and its rows."""
    source, target, key_file = folder / "export.jsonl", folder / "export.csv", folder / "key"
    source.write_text(text, encoding="utf-8")
    key_file.write_text(key or settings.TEST_CAMPAIGN_PRIVATE_KEY)
    call_command(
        "decrypt",
        key_file=str(key_file),
        input=str(source),
        output=str(target),
        stderr=io.StringIO(),
    )
    with target.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    return list(reader.fieldnames or []), rows
