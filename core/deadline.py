"""A deadline for every public request's database work.

A database that stops answering (its host frozen, its process stopped, a network that drops
packets) leaves a query waiting forever: the server's statement_timeout cannot fire, and the
kernel of a stopped server still acknowledges every packet, so no TCP timeout fires either.
The site would hang, its cached pages included, as soon as each thread waits once.

A watchdog thread per process therefore looks, four times a second, for requests older than
REQUEST_DEADLINE_SECONDS that still hold a database connection, and cuts that connection
(shuts its socket down on PostgreSQL, interrupts the statement on SQLite). The waiting query
fails at once with an OperationalError, which the request answers as 503 (core.middleware);
the connection is discarded at the end of the request and the next one connects afresh.
New connections are bounded by PostgreSQL's connect_timeout (settings).

The admin is exempt: an export may rightly take longer, and only staff wait for it.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

CHECK_EVERY = 0.25

_requests: dict[int, tuple[float, list[Any]]] = {}
_lock = threading.Lock()
_watchdog: threading.Thread | None = None


def cut(wrapper: Any) -> bool:
    """Make the database connection of `wrapper` (a Django DatabaseWrapper of another thread)
    fail its current and next statement. True if there was one to cut."""
    raw = getattr(wrapper, "connection", None)
    if raw is None:
        return False
    if wrapper.vendor == "sqlite":
        raw.interrupt()
        return True
    pgconn = getattr(raw, "pgconn", None)
    if pgconn is None:
        return False
    fd = pgconn.socket
    duplicate = socket.socket(fileno=os.dup(fd))
    try:
        duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed
    finally:
        duplicate.close()
    return True


def _watch() -> None:
    while True:
        time.sleep(CHECK_EVERY)
        now = time.monotonic()
        with _lock:
            late = [(ident, wrappers) for ident, (due, wrappers) in _requests.items() if due < now]
            for ident, _wrappers in late:
                del _requests[ident]
        for _ident, wrappers in late:
            cut_any = False
            for wrapper in wrappers:
                try:
                    cut_any = cut(wrapper) or cut_any
                except Exception:
                    logger.exception("Could not cut a database connection")
            if cut_any:
                logger.warning("A request passed its deadline: its database connection was cut")


def _ensure_watchdog() -> None:
    global _watchdog
    if _watchdog is not None and _watchdog.is_alive():
        return
    with _lock:
        if _watchdog is None or not _watchdog.is_alive():
            _watchdog = threading.Thread(target=_watch, name="request-deadline", daemon=True)
            _watchdog.start()


class RequestDeadlineMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = float(settings.REQUEST_DEADLINE_SECONDS)
        if not seconds or request.path.startswith("/admin/"):
            return self.get_response(request)
        _ensure_watchdog()
        ident = threading.get_ident()
        # This thread's connection objects (created now if need be; they connect lazily).
        wrappers = [connections[alias] for alias in connections]
        with _lock:
            _requests[ident] = (time.monotonic() + seconds, wrappers)
        try:
            return self.get_response(request)
        finally:
            with _lock:
                _requests.pop(ident, None)
