"""The background worker: runs queued tasks (mail) and the periodic jobs (core.jobs).

One loop, so one process does everything on a small server; start more of them to share
the queue (tasks are claimed with row locks; periodic jobs are safe to run concurrently).
Each worker beats a heartbeat from a thread (core.workers), so when one is killed the others
release what it held within seconds.
"""

import logging
import signal
import time
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from core import jobs, workers

logger = logging.getLogger(__name__)

# Tasks run in one go before the periodic jobs get their turn (the reaper among them).
TASKS_PER_ROUND = 50


class Command(BaseCommand):
    help = "Run queued tasks and periodic jobs until stopped."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--once", action="store_true", help="One round, then exit.")

    def handle(self, *args: Any, interval: float, once: bool, **options: Any) -> None:
        try:
            scheduled = jobs.scheduled()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        worker_id = workers.current_id()
        heartbeat = workers.Heartbeat(worker_id)
        heartbeat.start()
        try:
            self._loop(scheduled, worker_id=worker_id, interval=interval, once=once)
        finally:
            heartbeat.stop()

    def _loop(
        self,
        scheduled: list[tuple[str, jobs.Job, float]],
        *,
        worker_id: str,
        interval: float,
        once: bool,
    ) -> None:
        last_run: dict[str, float] = {}
        failing: set[str] = set()
        while self.running:
            close_old_connections()
            now = time.monotonic()
            for name, job, every in scheduled:
                if now - last_run.get(name, -1e9) >= every:
                    last_run[name] = now
                    try:
                        job()
                    except (DatabaseError, OSError):
                        # The database or the disk failing for a moment must not stop the
                        # mail and the counter: the job runs again at its next turn. Any
                        # other error is a bug, and stops the worker for all to see. The
                        # log line goes through core.logfilters (no address, no token);
                        # failing turn after turn, it shows on the admin's index page.
                        logger.exception("Periodic job %s failed", name)
                        workers.job_failed(worker_id, name)
                        failing.add(name)
                    else:
                        if name in failing:
                            workers.job_recovered(worker_id, name)
                            failing.discard(name)
            Worker(
                queue_names=["*"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=TASKS_PER_ROUND,
                worker_id=worker_id,
                excluded_queue_names=[],
            ).run()
            if once:
                break
            if not DBTaskResult.objects.ready().exists():
                time.sleep(interval)

    def _stop(self, signum: int, frame: Any) -> None:
        self.running = False
