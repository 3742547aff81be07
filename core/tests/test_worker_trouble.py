"""A worker in trouble is seen on the admin's index page: none alive, a periodic job failing
turn after turn, failed tasks."""

import datetime as dt

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core import workers
from core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "", "pw-for-tests-only")
    client.force_login(user)
    return client


def _index(staff) -> str:
    response = staff.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_no_live_worker_is_shown(staff):
    WorkerHeartbeat.objects.create(
        worker_id="1-old",
        started_at=timezone.now() - dt.timedelta(hours=1),
        seen_at=timezone.now() - dt.timedelta(minutes=10),
    )
    assert "run_worker" in _index(staff)
    workers.beat("2-live")
    assert "run_worker" not in _index(staff)


def test_a_job_failing_turn_after_turn_is_shown_until_it_runs_again(staff):
    workers.beat("2-live")
    for _ in range(workers.REPEATED_FAILURES - 1):
        workers.job_failed("2-live", "tallies_update")
    assert "tallies_update" not in _index(staff)  # once or twice is a hiccup
    workers.job_failed("2-live", "tallies_update")
    page = _index(staff)
    assert "tallies_update" in page and f"{workers.REPEATED_FAILURES} " in page
    workers.job_failed("2-live", "mail_deliver_due")  # another job: counted on its own
    assert workers.worker_trouble().failing_jobs == []
    workers.job_recovered("2-live", "mail_deliver_due")
    assert not workers.worker_trouble()


def test_failed_tasks_of_the_last_day_are_counted(staff):
    workers.beat("2-live")
    for finished in (timezone.now(), timezone.now() - dt.timedelta(days=2)):
        DBTaskResult.objects.create(
            status=TaskResultStatus.FAILED,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="handover.tasks.signer_export_write",
            backend_name="default",
            run_after=finished,
            finished_at=finished,
        )
    assert workers.worker_trouble().failed_tasks == 1
    assert "1 background task failed" in _index(staff) or "1 achtergrondtaak" in _index(staff)


@pytest.mark.django_db(transaction=True)
def test_run_worker_counts_a_failing_job_on_its_heartbeat():
    """The worker notes each failed turn of a job on its heartbeat row, and clears it when the
    job runs again."""
    from core.management.commands.run_worker import Command

    command = Command()
    command.running = True
    seen: list[tuple[str, int]] = []

    def flaky() -> None:
        row = WorkerHeartbeat.objects.get(pk="7-flaky")
        seen.append((row.failing_job, row.failures))
        if len(seen) == 5:
            command.running = False
        if len(seen) <= 3:
            raise OperationalError("database is locked")

    workers.beat("7-flaky")
    command._loop([("flaky", flaky, 0)], worker_id="7-flaky", interval=0, once=False)
    assert seen == [("", 0), ("flaky", 1), ("flaky", 2), ("flaky", 3), ("", 0)]
