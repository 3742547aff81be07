"""Workers' heartbeats, and what a dead worker leaves behind (core.workers)."""

import datetime as dt
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core import jobs, workers
from core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def task_row(*, worker: str, status: str = TaskResultStatus.RUNNING) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="handover.tasks.signer_export_write",
        backend_name="default",
        run_after=timezone.now(),
        worker_ids=[worker],
    )


def test_tasks_a_dead_worker_was_running_are_not_left_running():
    """A task row RUNNING under a worker that stopped beating is marked failed (it would
    stay RUNNING forever); a live worker's running task and finished rows are untouched."""
    long_ago = timezone.now() - workers.dead_after() - dt.timedelta(seconds=1)
    WorkerHeartbeat.objects.create(worker_id="dead", started_at=long_ago, seen_at=long_ago)
    workers.beat("alive")
    stuck, running, done = (
        task_row(worker="dead"),
        task_row(worker="alive"),
        task_row(worker="dead", status=TaskResultStatus.SUCCESSFUL),
    )
    workers.workers_reap()
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses == {
        stuck.pk: TaskResultStatus.FAILED,
        running.pk: TaskResultStatus.RUNNING,
        done.pk: TaskResultStatus.SUCCESSFUL,
    }
    assert DBTaskResult.objects.get(pk=stuck.pk).exception_class_path == workers.DIED
    assert list(WorkerHeartbeat.objects.values_list("pk", flat=True)) == ["alive"]


def test_a_worker_is_dead_after_three_missed_beats(settings):
    """Seen 14 s ago with beats every 5 s, a worker is alive and left alone; 16 s ago, it is
    dead and reaped."""
    settings.WORKER_HEARTBEAT_SECONDS = 5
    now = timezone.now()
    workers.beat("w", now=now - dt.timedelta(seconds=14))
    stuck = task_row(worker="w")
    workers.workers_reap(now=now)
    assert WorkerHeartbeat.objects.filter(pk="w").exists()
    assert DBTaskResult.objects.get(pk=stuck.pk).status == TaskResultStatus.RUNNING
    workers.workers_reap(now=now + dt.timedelta(seconds=2))
    assert not WorkerHeartbeat.objects.filter(pk="w").exists()
    assert DBTaskResult.objects.get(pk=stuck.pk).status == TaskResultStatus.FAILED


def test_each_process_has_its_own_worker_id():
    assert workers.current_id() == workers.current_id()
    assert workers.current_id().startswith(f"{__import__('os').getpid()}-")


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_beats_and_reaps_until_stopped(settings):
    """The thread refreshes the row and releases what a dead worker held while the main
    thread does something else; a clean stop removes the row."""
    settings.WORKER_HEARTBEAT_SECONDS = 0.05
    long_ago = timezone.now() - dt.timedelta(minutes=1)
    WorkerHeartbeat.objects.create(worker_id="dead", started_at=long_ago, seen_at=long_ago)
    stuck = task_row(worker="dead")
    heartbeat = workers.Heartbeat("beating")
    heartbeat.start()
    try:
        first = WorkerHeartbeat.objects.get(pk="beating").seen_at
        deadline = time.monotonic() + 5
        while (
            WorkerHeartbeat.objects.get(pk="beating").seen_at == first
            or WorkerHeartbeat.objects.filter(pk="dead").exists()
        ) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert WorkerHeartbeat.objects.get(pk="beating").seen_at > first
        assert DBTaskResult.objects.get(pk=stuck.pk).status == TaskResultStatus.FAILED
    finally:
        heartbeat.stop()
    assert not WorkerHeartbeat.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_run_worker_has_a_heartbeat_while_it_runs_and_none_after(settings, monkeypatch):
    """The worker's jobs run with its heartbeat in place (under its own id); a worker that
    stops cleanly leaves none behind."""
    seen: list[list[str]] = []
    monkeypatch.setitem(
        jobs._jobs,
        "peek",
        lambda: seen.append(list(WorkerHeartbeat.objects.values_list("pk", flat=True))),
    )
    settings.PERIODIC_JOBS = [("peek", 1)]
    call_command("run_worker", "--once")
    assert seen == [[workers.current_id()]]
    assert not WorkerHeartbeat.objects.exists()
