"""The background worker: runs queued tasks (mail) and the periodic jobs.

One loop, so one process does everything on a small server; start more of them to share
the queue (tasks are claimed with row locks; periodic jobs are safe to run concurrently).
"""

import logging
import signal
import time
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger(__name__)


def _load(path: str) -> Any:
    module, _dot, name = path.rpartition(".")
    return getattr(import_module(module), name)


class Command(BaseCommand):
    help = "Run queued tasks and periodic jobs until stopped."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--once", action="store_true", help="One round, then exit.")

    def handle(self, *args: Any, interval: float, once: bool, **options: Any) -> None:
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        jobs = []
        for path, every in settings.PERIODIC_JOBS:
            try:
                jobs.append((_load(path), every))
            except (ImportError, AttributeError):
                # One app's missing job must not stop the mail and the counter of the others.
                logger.exception("Periodic job %s cannot be loaded; skipped", path)
        last_run: dict[int, float] = {}
        while self.running:
            close_old_connections()
            now = time.monotonic()
            for index, (job, every) in enumerate(jobs):
                if now - last_run.get(index, -1e9) >= every:
                    last_run[index] = now
                    try:
                        job()
                    except Exception:
                        logger.exception("Periodic job %s failed", job)
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
