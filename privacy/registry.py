"""One contract for the personal data the apps hold, where a mistake costs the most.

Each app that collects people registers, in its AppConfig.ready():
- its export: the records it streams (personal data still sealed to the campaign's key), the
  `kind` every line of the export names, and what the sealed box of that kind holds: the
  columns it fills when the campaign decrypts such an export offline;
- its purge of unconfirmed actions past their retention: `purge(*, now) -> rows deleted`.

`manage.py export NAME` streams an export, `manage.py decrypt` picks the columns by the kind
its lines name, and `manage.py purge_unconfirmed` and the worker's hourly job run every purge.
A name or kind registered twice stops the start-up; what no app registered cannot be asked for.
"""

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from privacy.crypto import b64

Purge = Callable[..., int]


@dataclass(frozen=True)
class Layout:
    """What the sealed box of one kind of record holds: the CSV column each of its fields
    fills (in the place of "sealed" among the record's fields). `always_sealed`: every record
    carries one (an organisation a campaigner added has none)."""

    sealed: Mapping[str, str]
    always_sealed: bool = True


@dataclass(frozen=True)
class Option:
    """A filter of an export on the command line: `--language en`, or a `switch` without a
    value (`--confirmed-only`). Its value reaches `records` by the flag's name."""

    flag: str
    help: str
    choices: tuple[str, ...] | None = None
    switch: bool = False

    @property
    def name(self) -> str:
        return self.flag.removeprefix("--").replace("-", "_")


@dataclass(frozen=True)
class Export:
    """`records(**options)` yields one dict per record, in a stable order and in constant
    memory; its "sealed" value is the sealed box (bytes, empty when there is none), the
    others are JSON values, dates and times. Its keys, in order, are the export's columns."""

    name: str
    kind: str
    help: str
    records: Callable[..., Iterable[dict[str, Any]]]
    layout: Layout
    options: tuple[Option, ...] = ()


_exports: dict[str, Export] = {}
_purges: dict[str, Purge] = {}


def register_export(export: Export) -> None:
    if export.name in _exports or export.kind in layouts():
        raise ImproperlyConfigured(f"Export {export.name} ({export.kind}) registered twice.")
    _exports[export.name] = export


def exports() -> list[Export]:
    return list(_exports.values())


def layouts() -> dict[str, Layout]:
    """The CSV layout of each kind of record."""
    return {export.kind: export.layout for export in _exports.values()}


def register_purge(name: str, purge: Purge) -> None:
    if name in _purges:
        raise ImproperlyConfigured(f"Purge {name} registered twice.")
    _purges[name] = purge


def purges_run(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Run every purge with the same `now`; how many rows each deleted, by name."""
    now = now or timezone.now()
    return {name: purge(now=now) for name, purge in _purges.items()}


def _json_default(value: Any) -> str:
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def export_line(export: Export, record: dict[str, Any]) -> str:
    """One record as a line of the export (without its line break): its kind first, the
    sealed box in base64. `manage.py export` and the admin's downloads write these lines."""
    sealed = bytes(record["sealed"] or b"")
    line = {"kind": export.kind, **record, "sealed": b64(sealed) if sealed else ""}
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def export_get(name: str) -> Export:
    """The export registered as `name` (KeyError if none is)."""
    return _exports[name]
