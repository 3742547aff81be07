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

When the database has failed a request, `database` (a circuit breaker, as for the cache in
privacy.resilient_cache) is open for a second, then two, four, at most five: meanwhile
writes are refused at once (core.middleware) and pages come from the page cache without
trying to render (core.caching), so readers do not queue behind requests waiting for a
database that is not there. The first query that succeeds closes it.
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
from django.core.signals import request_finished, request_started
from django.db import OperationalError, close_old_connections, connections

from privacy.resilient_cache import Breaker

logger = logging.getLogger(__name__)

CHECK_EVERY = 0.25

database = Breaker("database", kind="The database")
Breaker.others.append(database)


class DatabaseUnavailable(OperationalError):
    """Raised without asking the database, while its breaker is open."""


def database_unavailable() -> None:
    """Raise DatabaseUnavailable at once while the database breaker is open."""
    if database.is_open:
        raise DatabaseUnavailable("The database failed a moment ago.")


def note_success(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
) -> Any:
    """An execute wrapper while the database is in doubt: a statement that succeeds closes
    the breaker."""
    result = execute(sql, params, many, context)
    database.succeeded()
    return result


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


def _request_started(sender: Any, environ: dict[str, Any] | None = None, **kwargs: Any) -> None:
    seconds = float(settings.REQUEST_DEADLINE_SECONDS)
    if not seconds or str((environ or {}).get("PATH_INFO", "")).startswith("/admin/"):
        return
    _ensure_watchdog()
    # This thread's connection objects (made now if need be; they connect lazily).
    wrappers = [connections[alias] for alias in connections]
    with _lock:
        _requests[threading.get_ident()] = (time.monotonic() + seconds, wrappers)


def _request_finished(sender: Any, **kwargs: Any) -> None:
    with _lock:
        _requests.pop(threading.get_ident(), None)


def connect_signals() -> None:
    """Called once from CoreConfig.ready(). The deadline starts before Django looks at the
    thread's kept connection (close_old_connections, which runs a query on one that had an
    error, and would wait forever on a frozen server) and ends after it looks again."""
    request_started.disconnect(close_old_connections)
    request_started.connect(_request_started, dispatch_uid="core.deadline.started")
    request_started.connect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_finished.connect(close_old_connections)
    request_finished.connect(_request_finished, dispatch_uid="core.deadline.finished")
