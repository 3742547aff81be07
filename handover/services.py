"""Writes of the hand-over: signer exports too big to stream, written to a private file by
the worker with their progress in the admin, and deleted once downloaded or expired."""

import datetime as dt
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.crypto import get_random_string

from handover import selectors
from handover.models import SignerExport

logger = logging.getLogger(__name__)

# The row's progress is written every this many records: often enough to watch, rarely
# enough to cost nothing next to the export itself.
PROGRESS_EVERY = 5000
CHUNK = 64 * 1024


class ExportNotReady(Exception):
    """The export has no file to download (still being written, failed, or deleted)."""


def export_dir() -> Path:
    """The private directory of export files, created readable by the server's user only."""
    folder = Path(settings.HANDOVER_EXPORT_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def signer_export_request(
    *,
    user: AbstractBaseUser | AnonymousUser,
    confirmed_only: bool,
    country: str | None,
    consent: str | None,
    total: int,
) -> SignerExport:
    """Record an export to write in the background and queue it for the worker."""
    from handover import tasks

    export = SignerExport.objects.create(
        requested_by_id=user.pk if user.is_authenticated else None,
        confirmed_only=confirmed_only,
        country=country or "",
        consent=consent or "",
        total=total,
    )
    tasks.signer_export_write.enqueue(export.pk)
    return export


def signer_export_write(*, export_id: int, progress_every: int = PROGRESS_EVERY) -> int:
    """Write the export's records to its file, noting progress on its row as it goes; the
    file appears under its final name only once complete. Returns how many were written."""
    queued = SignerExport.objects.filter(pk=export_id, state=SignerExport.State.QUEUED)
    if not queued.update(state=SignerExport.State.RUNNING):
        return 0  # already taken, or gone
    export = SignerExport.objects.get(pk=export_id)
    name = f"signers-{export.pk}-{get_random_string(24)}.jsonl"
    target = export_dir() / name
    partial = target.with_suffix(".part")
    done = 0
    rows = SignerExport.objects.filter(pk=export_id)
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "w", encoding="utf-8") as handle:
            for line in selectors.signer_export_lines(**export.filters):  # type: ignore[arg-type]
                handle.write(line)
                done += 1
                if done % progress_every == 0:
                    rows.update(done=done)
        partial.rename(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        rows.update(state=SignerExport.State.FAILED, done=done, finished_at=timezone.now())
        raise
    # The count was taken when the export was asked for; what was written is the truth.
    rows.update(
        state=SignerExport.State.DONE,
        done=done,
        total=done,
        file_name=name,
        finished_at=timezone.now(),
    )
    return done


def signer_export_download(*, export: SignerExport) -> Iterator[bytes]:
    """The export's file in chunks. Once the last chunk is read the file is deleted and the
    export marked downloaded; a download broken off halfway leaves it to try again."""
    if export.state != SignerExport.State.DONE or not export.file_name:
        raise ExportNotReady
    path = export_dir() / export.file_name
    if not path.is_file():
        raise ExportNotReady

    def chunks() -> Iterator[bytes]:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk
        _file_delete(export, state=SignerExport.State.DOWNLOADED)

    return chunks()


def _file_delete(export: SignerExport, *, state: str) -> None:
    if export.file_name:
        (export_dir() / export.file_name).unlink(missing_ok=True)
    SignerExport.objects.filter(pk=export.pk).update(state=state, file_name="")


def signer_exports_expire(*, now: dt.datetime | None = None) -> int:
    """The worker's hourly job: delete the files of exports not downloaded within
    HANDOVER_EXPORT_DAYS, and give up exports that have waited as long for a worker (one
    that stopped while writing). Returns how many exports it ended."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.HANDOVER_EXPORT_DAYS)
    ended = 0
    for export in SignerExport.objects.filter(
        state=SignerExport.State.DONE, finished_at__lt=cutoff
    ):
        _file_delete(export, state=SignerExport.State.EXPIRED)
        ended += 1
    stuck = SignerExport.objects.filter(
        state__in=[SignerExport.State.QUEUED, SignerExport.State.RUNNING], created_at__lt=cutoff
    )
    for export in stuck:
        for leftover in export_dir().glob(f"signers-{export.pk}-*"):
            leftover.unlink(missing_ok=True)
        SignerExport.objects.filter(pk=export.pk).update(
            state=SignerExport.State.FAILED, finished_at=now
        )
        ended += 1
    if ended:
        logger.info("Ended %d signer exports past %s days", ended, settings.HANDOVER_EXPORT_DAYS)
    return ended
