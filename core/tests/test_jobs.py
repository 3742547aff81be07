"""The worker's periodic jobs (core.jobs): named by the apps, scheduled by the settings, and
never skipped in silence."""

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from core import jobs


def ring() -> str:
    return "ring"


@pytest.fixture
def registered(monkeypatch):
    monkeypatch.setattr(jobs, "_jobs", {})
    jobs.register_job("ring", ring)


@pytest.mark.usefixtures("registered")
def test_the_settings_schedule_registered_jobs_by_name(settings):
    settings.PERIODIC_JOBS = [("ring", 5)]
    assert jobs.scheduled() == [("ring", ring, 5.0)]
    assert jobs.check_periodic_jobs() == []


@pytest.mark.usefixtures("registered")
def test_a_job_registered_twice_stops_the_start():
    with pytest.raises(ImproperlyConfigured):
        jobs.register_job("ring", ring)


@pytest.mark.usefixtures("registered")
def test_a_scheduled_job_no_app_registers_stops_the_worker_and_fails_the_checks(settings):
    """No periodic job is skipped in silence: the worker refuses to start, and so does
    every other command through the system check."""
    settings.PERIODIC_JOBS = [("ring", 5), ("applications_purge", 3600)]
    with pytest.raises(ImproperlyConfigured, match="applications_purge"):
        jobs.scheduled()
    with pytest.raises(CommandError, match="applications_purge"):
        call_command("run_worker", "--once", skip_checks=True)
    [error] = jobs.check_periodic_jobs()
    assert error.id == "core.E001" and "applications_purge" in error.msg
    assert error in checks.run_checks()
