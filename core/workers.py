"""Which workers are alive, and what a dead one leaves behind.

Every `manage.py run_worker` process has a random id and a heartbeat row (core.models) that a
thread of its own refreshes every WORKER_HEARTBEAT_SECONDS, whatever the main thread is doing
(waiting for a slow mail server included). A worker not seen for DEAD_AFTER_BEATS beats is
dead: killed, out of memory, its host gone. The heartbeat thread of every live worker then
releases what it held (`workers_reap`, after each beat, whatever its own main thread is busy
with), so another worker takes it over within seconds rather than after a long lease:
- its django-tasks rows still RUNNING are marked failed (they would stay RUNNING forever);
- every app's claims registered here with `register_reaper` (outbox: the mails it was
  sending) are handed back.
A process that is not a worker (a test, a shell) has an id too, but no heartbeat: nothing it
holds is ever reaped, only its leases run out.
"""

import datetime as dt
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, IntegrityError, close_old_connections, connections, models
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

DEAD_AFTER_BEATS = 3
# A periodic job failing this many turns in a row is shown on the admin's index page.
REPEATED_FAILURES = 3
DIED = "core.workers.WorkerDied"

Reaper = Callable[[list[str]], int]
_reapers: dict[str, Reaper] = {}
_ids: dict[int, str] = {}


def register_reaper(name: str, reaper: Reaper) -> None:
    """`reaper(dead_worker_ids)` releases what those workers held; returns how many."""
    if name in _reapers:
        raise ImproperlyConfigured(f"Reaper {name} registered twice.")
    _reapers[name] = reaper


def current_id() -> str:
    """This process's worker id: random, new in every process (a fork gets its own)."""
    pid = os.getpid()
    if pid not in _ids:
        _ids[pid] = f"{pid}-{get_random_string(16)}"
    return _ids[pid]


def dead_after() -> dt.timedelta:
    return dt.timedelta(seconds=float(settings.WORKER_HEARTBEAT_SECONDS) * DEAD_AFTER_BEATS)


def beat(worker_id: str, *, now: dt.datetime | None = None) -> None:
    """Say that `worker_id` is alive."""
    now = now or timezone.now()
    if WorkerHeartbeat.objects.filter(pk=worker_id).update(seen_at=now):
        return
    try:
        WorkerHeartbeat.objects.create(worker_id=worker_id, started_at=now, seen_at=now)
    except IntegrityError:  # created by the other thread of the same worker meanwhile
        WorkerHeartbeat.objects.filter(pk=worker_id).update(seen_at=now)


def workers_reap(*, now: dt.datetime | None = None) -> int:
    """Release what dead workers held, then forget them. Returns how many tasks and claims
    were released."""
    now = now or timezone.now()
    dead = list(
        WorkerHeartbeat.objects.filter(seen_at__lt=now - dead_after()).values_list(
            "worker_id", flat=True
        )
    )
    if not dead:
        return 0
    released = sum(reaper(dead) for reaper in _reapers.values())
    released += _tasks_fail(dead, now=now)
    # Reaped, a dead worker holds nothing more. Should it come back (it was only stalled),
    # its next beat writes its row again, and its own sends find their claims gone.
    WorkerHeartbeat.objects.filter(pk__in=dead, seen_at__lt=now - dead_after()).delete()
    for worker_id in dead:
        logger.warning("Worker %s stopped beating: its tasks and claims were released", worker_id)
    return released


def _tasks_fail(dead: list[str], *, now: dt.datetime) -> int:
    """Mark failed the RUNNING task rows whose last worker is dead: the task stopped with it.
    (Whatever the task was doing is the app's to recover: the outbox hands back the mail.)"""
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    stuck = [
        row.pk for row in running.only("pk", "worker_ids") if (row.worker_ids or [""])[-1] in dead
    ]
    if not stuck:
        return 0
    return DBTaskResult.objects.filter(pk__in=stuck, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=DIED,
        traceback="The worker running this task stopped before the task finished.",
    )


def job_failed(worker_id: str, name: str) -> None:
    """Note one more failed turn of the periodic job `name` on this worker's heartbeat row
    (nothing if the database that made it fail is still gone: the next turn tries again)."""
    try:
        rows = WorkerHeartbeat.objects.filter(pk=worker_id)
        if not rows.filter(failing_job=name).update(failures=models.F("failures") + 1):
            rows.update(failing_job=name, failures=1)
    except DatabaseError:
        logger.warning("Could not note the failure of job %s", name)


def job_recovered(worker_id: str, name: str) -> None:
    """The job `name` ran again: no failure to show any more."""
    try:
        WorkerHeartbeat.objects.filter(pk=worker_id, failing_job=name).update(
            failing_job="", failures=0
        )
    except DatabaseError:
        logger.warning("Could not note the recovery of job %s", name)


@dataclass(frozen=True)
class WorkerTrouble:
    """What the admin's index page warns about: no worker alive (mail is not sent, the
    counter stands still), periodic jobs failing turn after turn, and tasks that failed."""

    no_worker: bool
    failing_jobs: list[tuple[str, int]]
    failed_tasks: int

    def __bool__(self) -> bool:
        return self.no_worker or bool(self.failing_jobs) or bool(self.failed_tasks)


def worker_alive(*, now: dt.datetime | None = None) -> bool:
    """Whether any worker beat within the last DEAD_AFTER_BEATS beats."""
    now = now or timezone.now()
    return WorkerHeartbeat.objects.filter(seen_at__gte=now - dead_after()).exists()


def worker_trouble(*, now: dt.datetime | None = None) -> WorkerTrouble:
    now = now or timezone.now()
    alive = WorkerHeartbeat.objects.filter(seen_at__gte=now - dead_after())
    failing = alive.filter(failures__gte=REPEATED_FAILURES).values_list("failing_job", "failures")
    failed_tasks = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, finished_at__gte=now - dt.timedelta(days=1)
    ).count()
    return WorkerTrouble(
        no_worker=not worker_alive(now=now),
        failing_jobs=sorted(failing),
        failed_tasks=failed_tasks,
    )


class Heartbeat:
    """The heartbeat of this worker process: one beat now (before it claims anything), then
    one every WORKER_HEARTBEAT_SECONDS from a daemon thread, each followed by the release of
    what dead workers held, until `stop()`, which also removes the row (a worker that stops
    cleanly holds nothing)."""

    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def start(self) -> None:
        beat(self.worker_id)
        self._thread.start()

    def _run(self) -> None:
        every = float(settings.WORKER_HEARTBEAT_SECONDS)
        try:
            while not self._stopped.wait(every):
                try:
                    beat(self.worker_id)
                except DatabaseError:
                    # The database gone for a moment: the next beat tries again. Missing
                    # DEAD_AFTER_BEATS of them lets others take over this worker's claims;
                    # its own sends then find the claim gone and stop (outbox).
                    logger.warning("Worker heartbeat failed", exc_info=True)
                try:
                    workers_reap()
                except Exception:
                    # Whatever goes wrong releasing others' work must not stop this worker's
                    # heartbeat: it would be taken for dead while it works.
                    logger.exception("Releasing what dead workers held failed")
                close_old_connections()
        finally:
            connections.close_all()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=10)
        try:
            WorkerHeartbeat.objects.filter(pk=self.worker_id).delete()
        except DatabaseError:
            logger.warning("Could not remove the worker heartbeat", exc_info=True)
