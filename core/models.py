"""The kernel's only table: which background workers are alive."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A running `manage.py run_worker` process, as the others see it: it refreshes `seen_at`
    every WORKER_HEARTBEAT_SECONDS from a thread of its own (core.workers). A random id and
    two times; nothing about anyone."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"), db_index=True)
    # The periodic job that failed at its last turns, and how many turns in a row (shown on
    # the admin's index page from REPEATED_FAILURES on); empty once it runs again.
    failing_job = models.CharField(_("failing job"), max_length=64, blank=True, default="")
    failures = models.PositiveIntegerField(_("failures in a row"), default=0)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker_id
