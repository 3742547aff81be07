"""The background worker: runs queued tasks (mail) and the periodic jobs (core.jobs).

One loop, so one process does everything on a small server; start more of them to share
the queue (tasks are claimed with row locks; periodic jobs are safe to run concurrently).
"""

import logging
import signal
import time
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections
from django_tasks_db.management.commands.db_worker import Worker

from core import jobs

logger = logging.getLogger(__name__)


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
        last_run: dict[str, float] = {}
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
                        # other error is a bug, and stops the worker for all to see.
                        logger.exception("Periodic job %s failed", name)
            Worker(
                queue_names=["*"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id=f"worker-{id(self)}",
                excluded_queue_names=[],
            ).run()
            if once:
                break
            time.sleep(interval)

    def _stop(self, signum: int, frame: Any) -> None:
        self.running = False
