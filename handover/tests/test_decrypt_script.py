"""tools/decrypt_export.py, the one file a campaigner runs offline: with nothing but Python
and PyNaCl it opens what the server seals, into the same CSV as `manage.py decrypt`, with
formula-safe cells."""

import ast
import csv
import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path

import nacl
import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from handover.tests.support import SIGNERS, sign
from privacy import registry
from privacy.spreadsheet import neutralise
from privacy.tests.support import decrypt

pytestmark = pytest.mark.django_db

SCRIPT = Path(settings.BASE_DIR) / "tools" / "decrypt_export.py"


def _script():
    spec = importlib.util.spec_from_file_location("decrypt_export", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def pynacl_only(tmp_path):
    """An import path holding PyNaCl (and the cffi backend it loads) and nothing else: with
    `python -S` (no site-packages) that is all the script can import besides the standard
    library, as on a campaigner's laptop."""
    folder = tmp_path / "pynacl-only"
    folder.mkdir()
    os.symlink(Path(nacl.__file__).parent, folder / "nacl")
    import _cffi_backend

    backend = Path(_cffi_backend.__file__)
    os.symlink(backend, folder / backend.name)
    return {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(folder)}


def run(args, *, env, stdin=""):
    return subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-S", *args],
        input=stdin.encode(),
        capture_output=True,
        env=env,
        check=False,
        timeout=60,
    )


def test_campaigner_decrypts_the_admin_s_export_with_pynacl_alone(
    client, campaigner, pynacl_only, tmp_path
):
    """Signed through the site, downloaded from the admin, decrypted by the script in a
    Python that cannot import Django: the CSV is byte for byte `manage.py decrypt`'s, with
    every name and address as typed and the formula quoted."""
    assert run(["-c", "import django"], env=pynacl_only).returncode != 0
    assert run(["-c", "import nacl.public"], env=pynacl_only).returncode == 0
    sign()
    response = client.post("/admin/handover/signerexport/signers/", {"confirmed_only": "on"})
    export = b"".join(response.streaming_content).decode()
    key = tmp_path / "campaign.key"
    key.write_text(f"CAMPAIGN_PRIVATE_KEY={settings.TEST_CAMPAIGN_PRIVATE_KEY}\n")

    done = run([str(SCRIPT), "--key-file", str(key)], env=pynacl_only, stdin=export)

    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr.decode().strip() == f"Decrypted {len(SIGNERS)} records."
    produced = done.stdout.decode()
    columns, _rows = decrypt(tmp_path, export)
    assert produced == (tmp_path / "export.csv").read_bytes().decode()
    reader = csv.DictReader(io.StringIO(produced))
    assert reader.fieldnames == columns
    assert columns[:3] == ["first_name", "last_name", "email"]
    opened = {(r["first_name"], r["last_name"], r["email"], r["country"]) for r in reader}
    expected = {(neutralise(f), last, email, c) for f, last, email, c, *_ in SIGNERS}
    assert opened == expected
    assert "'=HYPERLINK" in produced


def test_a_wrong_key_or_a_broken_line_is_a_clear_error(pynacl_only, tmp_path, client, campaigner):
    sign(signers=SIGNERS[:1])
    response = client.post("/admin/handover/signerexport/signers/", {})
    export = b"".join(response.streaming_content).decode()
    other = tmp_path / "other.key"
    other.write_text("uAbJ1sZbcd3XIbMIHw9N0C1kmWJ0x3S6QWsfWuNDJ0A=")
    done = run([str(SCRIPT), "--key-file", str(other)], env=pynacl_only, stdin=export)
    assert done.returncode == 1
    assert done.stderr.decode().startswith("Error: Line 1 cannot be decrypted")
    key = tmp_path / "campaign.key"
    key.write_text(settings.TEST_CAMPAIGN_PRIVATE_KEY)
    done = run([str(SCRIPT), "--key-file", str(key)], env=pynacl_only, stdin="not json\n")
    assert done.returncode == 1 and b"Line 1 cannot be decrypted" in done.stderr
    done = run([str(SCRIPT), "--key-file", str(tmp_path / "none")], env=pynacl_only)
    assert done.returncode == 1 and b"Cannot read the key file" in done.stderr


def test_the_script_knows_every_kind_the_apps_register():
    """Its columns per kind are the registry's: an app that seals something new must teach
    the offline script too, or this fails."""
    expected = {
        kind: (dict(layout.sealed), layout.always_sealed)
        for kind, layout in registry.layouts().items()
    }
    assert expected == _script().LAYOUTS


@given(st.text(max_size=30))
def test_its_cells_are_as_safe_as_the_site_s(text):
    assert _script().neutralise(text) == neutralise(text)


def test_it_imports_only_the_standard_library_and_pynacl():
    tree = ast.parse(SCRIPT.read_text(encoding="utf-8"))
    imported = {
        name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
        )
    }
    assert "nacl" in imported
    assert imported - {"nacl"} <= set(sys.stdlib_module_names)
