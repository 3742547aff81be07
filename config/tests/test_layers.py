"""Imports run downward (README.md, "Layout"), tests included: the contract in
pyproject.toml, checked by import-linter on every test run."""

from pathlib import Path

from importlinter import configuration
from importlinter.application import use_cases

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_no_import_runs_back_up():
    """Fails with the offending imports (printed above) when a module imports a layer above
    its own, or a sibling of its layer."""
    configuration.configure()
    assert use_cases.lint_imports(config_filename=str(PYPROJECT), cache_dir=None, no_logo=True)
