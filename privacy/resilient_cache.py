"""The shared cache (Redis, or the database table on a single server) with a fallback in
each process, so that its failing costs neither a page nor a signature.

One circuit breaker per cache server and process guards every use of it: the page cache and
the content version (`ResilientRedisCache`, `ResilientDatabaseCache`, Django cache backends)
and the rate limit counters in Redis (`count_hit`, used by privacy.network). When a call
fails (connection refused, reset, no answer within the short socket timeouts; the database
stalled, refusing, read-only or full), the breaker opens: every call goes to the process's
own memory at once, without waiting. After RETRY_SECONDS one call tries the server again
(then after 2, 4, and every MAX_OPEN_SECONDS while it stays down), and the first that
succeeds closes the breaker. Nothing is restarted and nothing needs an operator.

While it is open:
- pages are rendered and cached in the process's memory (a copy of what was recently written
  to Redis is kept there too, so the last pages are at hand at once);
- the content version lives in memory; a content change made then is written to Redis when it
  returns (the newest version wins, so no other process keeps serving an old page);
- rate limits count in the process's memory. Each process then sees only its own share of a
  source's requests: the count is multiplied by RATE_LIMIT_PROCESSES (the number of app
  processes; set it so), so the limits stay what they are for a source spread over all of
  them.

A count is never simply reset by Redis going away or coming back empty: every process counts
each hit in its memory too, and a limit compares the larger of the shared and the local count
of the window. A source that was blocked before a Redis restart stays blocked until its
window ends.

It lives in privacy because the rate limiter, the lowest layer that needs it, does.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1.0
MAX_OPEN_SECONDS = 5.0
# Short enough that a stalled Redis (no answer at all) delays a request by at most this once
# per RETRY_SECONDS and process; long enough for a loaded Redis on a LAN.
CONNECT_TIMEOUT = 0.25
SOCKET_TIMEOUT = 0.5
LOCAL_ENTRIES = 2000

T = TypeVar("T")


def _failures() -> tuple[type[BaseException], ...]:
    """What a shared cache raises when its server fails, rather than a bug: Redis unreachable
    or silent, the database stalled, refusing, read-only or full."""
    import redis
    from django.db import DatabaseError

    return (
        redis.exceptions.ConnectionError,
        redis.exceptions.TimeoutError,
        OSError,
        DatabaseError,
    )


class Breaker:
    """Whether to try Redis now: closed (yes), open (no, until `open_until`), or half-open
    (one try after that)."""

    # Breakers made outside `breaker()` (the database's, core.deadline), for reset_for_tests.
    others: list[Breaker] = []

    def __init__(self, name: str, *, kind: str = "") -> None:
        self.name = name
        # Never the URL in a log (it can hold a password).
        self.kind = kind or ("The cache database" if name.startswith("database:") else "Redis")
        self.open_until = 0.0
        self.failures = 0
        self._lock = threading.Lock()
        # Writes made while Redis was away that must outlive the outage (no timeout: the
        # content version), and the function that writes them to Redis when it is back.
        self.pending: dict[Any, Any] = {}
        self.replay: Callable[[], None] | None = None

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def trip(self) -> None:
        with self._lock:
            if time.monotonic() < self.open_until:
                return  # already open: the failure of a call that started before
            was_closed = self.failures == 0
            self.failures += 1
            # 1 s, 2 s, 4 s, then every MAX_OPEN_SECONDS while a server stays down.
            seconds = min(MAX_OPEN_SECONDS, RETRY_SECONDS * 2 ** min(self.failures - 1, 8))
            self.open_until = time.monotonic() + seconds
        if was_closed:
            logger.warning("%s unreachable: using this process's memory meanwhile", self.kind)

    def succeeded(self) -> None:
        if not self.failures:
            return
        with self._lock:
            if not self.failures:
                return
            self.failures = 0
            self.open_until = 0.0
        logger.warning("%s reachable again", self.kind)
        if self.replay is not None:
            try:
                self.replay()
            except _failures():
                self.trip()

    def call(self, primary: Callable[[], T], fallback: Callable[[], T]) -> T:
        if self.is_open:
            return fallback()
        try:
            result = primary()
        except _failures():
            self.trip()
            return fallback()
        self.succeeded()
        return result


_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker(server: str) -> Breaker:
    """The breaker of the Redis at `server` (its URL) in this process."""
    with _breakers_lock:
        if server not in _breakers:
            _breakers[server] = Breaker(server)
        return _breakers[server]


def _local(name: str) -> LocMemCache:
    return LocMemCache(f"resilient:{name}", {"OPTIONS": {"MAX_ENTRIES": LOCAL_ENTRIES}})


class _Resilient(BaseCache):
    """The breaker and the memory in front of a shared cache backend (the next class in the
    method resolution order)."""

    _breaker: Breaker
    _memory: LocMemCache

    def _resilient_init(self, location: str) -> None:
        self._breaker = breaker(location)
        self._memory = _local(location)
        if self._breaker.replay is None:
            self._breaker.replay = self._replay

    def _replay(self) -> None:
        pending = self._breaker.pending
        while pending:
            key, value = pending.popitem()
            super().set(key, value, timeout=None)

    def _remember(self, key: Any, value: Any, timeout: Any) -> None:
        if timeout is None and self._breaker.is_open:
            self._breaker.pending[key] = value

    # Reads: Redis, or memory while it fails.
    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._breaker.call(
            lambda: super(_Resilient, self).get(key, default, version),
            lambda: self._memory.get(key, default, version),
        )

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return self._breaker.call(
            lambda: super(_Resilient, self).get_many(keys, version),
            lambda: self._memory.get_many(keys, version),
        )

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._breaker.call(
            lambda: super(_Resilient, self).has_key(key, version),
            lambda: self._memory.has_key(key, version),
        )

    # Writes: to Redis and to memory (so the latest entries are at hand if Redis fails).
    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._memory.set(key, value, timeout, version)

        def fallback() -> None:
            self._remember(key, value, timeout)

        self._breaker.call(
            lambda: super(_Resilient, self).set(key, value, timeout, version), fallback
        )

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        def fallback() -> bool:
            added = self._memory.add(key, value, timeout, version)
            if added:
                self._remember(key, value, timeout)
            return added

        added = self._breaker.call(
            lambda: super(_Resilient, self).add(key, value, timeout, version), fallback
        )
        if added:
            self._memory.set(key, value, timeout, version)
        return bool(added)

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> list[Any]:
        self._memory.set_many(data, timeout, version)
        return self._breaker.call(
            lambda: super(_Resilient, self).set_many(data, timeout, version),
            lambda: [],
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        self._memory.touch(key, timeout, version)
        return self._breaker.call(
            lambda: super(_Resilient, self).touch(key, timeout, version),
            lambda: self._memory.has_key(key, version),
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        self._memory.delete(key, version)
        return self._breaker.call(
            lambda: super(_Resilient, self).delete(key, version), lambda: False
        )

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._memory.delete_many(keys, version)
        self._breaker.call(lambda: super(_Resilient, self).delete_many(keys, version), lambda: None)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        return self._breaker.call(
            lambda: super(_Resilient, self).incr(key, delta, version),
            lambda: self._memory.incr(key, delta, version),
        )

    def clear(self) -> None:
        self._memory.clear()
        self._breaker.pending.clear()
        self._breaker.call(lambda: super(_Resilient, self).clear(), lambda: None)


class ResilientRedisCache(_Resilient, RedisCache):
    """Django's Redis cache, falling back to this process's memory while Redis fails (see the
    module's docstring). Configure it as the Redis backend, with the same LOCATION."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        options.setdefault("socket_connect_timeout", CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, {**params, "OPTIONS": options})
        self._resilient_init(server)


class ResilientDatabaseCache(_Resilient, DatabaseCache):
    """Django's database cache (the single-server set-up), falling back to this process's
    memory while the database fails (stalled, refusing, read-only or full): pages already
    rendered keep being served."""

    def __init__(self, table: str, params: dict[str, Any]) -> None:
        super().__init__(table, params)
        self._resilient_init(f"database:{table}")


class _LocalCounts:
    """Every process's own count of each rate-limit window (see the module's docstring)."""

    def __init__(self) -> None:
        self._counts: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, ttl: int) -> int:
        now = time.monotonic()
        with self._lock:
            if len(self._counts) > 50_000:  # many sources: forget the expired windows
                self._counts = {k: v for k, v in self._counts.items() if v[0] > now}
            expires, count = self._counts.get(key, (0.0, 0))
            if expires <= now:
                expires, count = now + ttl, 0
            self._counts[key] = (expires, count + 1)
            return count + 1


_local_counts = _LocalCounts()


def count_hit(client: Any, key: str, *, ttl: int, server: str) -> int:
    """One more hit on the rate-limit count `key` (already namespaced) of a window lasting
    `ttl` seconds: the count in Redis (one round trip), never less than this process's own
    count; while Redis fails, this process's count times RATE_LIMIT_PROCESSES."""
    local = _local_counts.hit(key, ttl)

    def shared() -> int:
        pipeline = client.pipeline(transaction=False)
        pipeline.incr(key)
        pipeline.expire(key, ttl, nx=True)
        count, _ = pipeline.execute()
        return max(int(count), local)

    def alone() -> int:
        return local * max(1, int(getattr(settings, "RATE_LIMIT_PROCESSES", 1)))

    return breaker(server).call(shared, alone)


def reset_for_tests() -> None:
    """Forget every breaker's state and every local count (between tests)."""
    with _breakers_lock:
        for item in [*_breakers.values(), *Breaker.others]:
            item.failures, item.open_until = 0, 0.0
            item.pending.clear()
    with _local_counts._lock:
        _local_counts._counts.clear()
