"""Loading shipped content (the campaign's texts, news, testimonials) into the database.

Each content app has its own loader built on these two functions; `campaigns`' loader runs
them all (`manage.py load_campaign`). A loader creates what is missing and leaves the
campaigners' edits alone, unless `reset`, which writes the shipped content back, and only
where it differs, so running it twice changes nothing the second time.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0

    def __add__(self, other: "LoadReport") -> "LoadReport":
        return LoadReport(self.created + other.created, self.updated + other.updated)


def put(
    model: type[models.Model],
    *,
    keys: Mapping[str, Any],
    values: Mapping[str, Any],
    reset: bool,
    report: LoadReport,
) -> Any:
    """The row of `model` with `keys`, created with `values` if missing; an existing row gets
    `values` written back only when `reset`."""
    obj = model._default_manager.filter(**keys).first()
    if obj is None:
        report.created += 1
        return model._default_manager.create(**keys, **values)
    if reset:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save()
            report.updated += 1
    return obj


def put_translations(
    model: type[models.Model],
    *,
    parent: models.Model,
    texts: Mapping[str, Mapping[str, Any]],
    reset: bool,
    report: LoadReport,
) -> None:
    """One translation row of `parent` per language in `texts` (language -> field values)."""
    for language, values in texts.items():
        put(
            model,
            keys={"parent": parent, "language": language},
            values=values,
            reset=reset,
            report=report,
        )
