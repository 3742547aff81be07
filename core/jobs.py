"""The worker's periodic jobs (`manage.py run_worker`).

Apps register their jobs by name in AppConfig.ready(); settings.PERIODIC_JOBS says which run
and how often. A name there that no app registered stops the worker before anything runs, and
every other manage.py command through a system check: a job is never skipped in silence.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

Job = Callable[[], object]

_jobs: dict[str, Job] = {}


def register_job(name: str, job: Job) -> None:
    if name in _jobs:
        raise ImproperlyConfigured(f"Periodic job {name} registered twice.")
    _jobs[name] = job


def _unknown() -> list[str]:
    return [name for name, _every in settings.PERIODIC_JOBS if name not in _jobs]


def scheduled() -> list[tuple[str, Job, float]]:
    """(name, job, every N seconds) for each job in settings.PERIODIC_JOBS."""
    if unknown := _unknown():
        raise ImproperlyConfigured(f"No app registers the periodic jobs {', '.join(unknown)}.")
    return [(name, _jobs[name], float(every)) for name, every in settings.PERIODIC_JOBS]


@checks.register()
def check_periodic_jobs(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            f"settings.PERIODIC_JOBS names {name}, which no app registers.",
            hint=f"Registered: {', '.join(sorted(_jobs))}.",
            id="core.E001",
        )
        for name in _unknown()
    ]
