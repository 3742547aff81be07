"""At most a few image decodes at a time in each app process.

Decoding an uploaded image is the most expensive thing a public form can ask of the server
(a small file can hold millions of pixels). A process-wide semaphore lets DECODE_SLOTS
decodes run at once; a request that finds them all taken waits DECODE_WAIT_SECONDS at most
and is then refused with a translated "try again" error instead of piling up work.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DECODE_SLOTS = 2
DECODE_WAIT_SECONDS = 2.0

_slots = threading.BoundedSemaphore(DECODE_SLOTS)

BUSY = _("Many images are being checked right now. Please send the form again in a minute.")


@contextmanager
def decode_slot() -> Iterator[None]:
    """Hold one of the process's decode slots while the block runs, or raise a
    ValidationError (code "busy") when none frees up in time."""
    if not _slots.acquire(timeout=DECODE_WAIT_SECONDS):
        raise ValidationError(BUSY, code="busy")
    try:
        yield
    finally:
        _slots.release()
