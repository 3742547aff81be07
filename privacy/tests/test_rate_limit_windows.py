"""Rate-limit counts without Redis: fixed windows, one count per scope, and a count that is
forgotten soon after its window (the database cache, as a single server runs it)."""

import time

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, models
from django.test import RequestFactory, override_settings

from privacy import network

PERIOD = 60
DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "rate_limit_test_cache",
    }
}


class Clock:
    """Wall time as every module reads it during the test (the cache's expiry included)."""

    def __init__(self, monkeypatch):
        now = time.time()
        # The start of a window of PERIOD seconds, so the test can step within and across it.
        self.window_start = float(int(now // PERIOD) * PERIOD + PERIOD)
        self.value = self.window_start
        monkeypatch.setattr(time, "time", lambda: self.value)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def request(remote="203.0.113.7"):
    return RequestFactory().get("/", REMOTE_ADDR=remote)


def test_hits_add_up_within_a_window_and_start_again_in_the_next(clock):
    """All hits from the start to the end of one window count together; the first hit of the
    next window counts 1 again, however close to the last one."""
    counts = []
    for offset in (0, 1, PERIOD - 1, PERIOD, PERIOD + 1):
        clock.value = clock.window_start + offset
        counts.append(network.source_hits(request(), scope="sign", period=PERIOD))
    assert counts == [1, 2, 3, 1, 2]


def test_each_scope_has_its_own_count():
    """Hits on one form never use up another form's allowance, also when counted with
    source_hits."""
    counts = [
        network.source_hits(request(), scope=scope, period=PERIOD)
        for scope in ("sign", "sign", "sign", "newsletter", "sign")
    ]
    assert counts == [1, 2, 3, 1, 4]


@pytest.fixture
def database_cache(db):
    """The cache a single server runs without Redis: a table in the database."""
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
        yield caches["default"]


def stored_count_expiry() -> float:
    """When the one count in the cache table expires, read as the cache itself reads it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, expires FROM rate_limit_test_cache")
        rows = cursor.fetchall()
    assert len(rows) == 1
    key, expires = rows[0]
    assert "203.0.113.7" not in key
    expression = models.Expression(output_field=models.DateTimeField())
    converters = connection.ops.get_db_converters(expression)
    for converter in converters + expression.get_db_converters(connection):
        expires = converter(expires, expression, connection)
    return expires.timestamp()


def test_a_count_lasts_through_its_window_and_goes_soon_after(clock, database_cache):
    """In the database cache, a count is kept until PERIOD + 5 s after the last hit: to the
    end of its window at least (steady hits minutes apart still add up to an hourly limit) and
    not much longer (the pseudonym is not kept). The stored key holds no address."""
    assert network.source_hits(request(), scope="sign", period=PERIOD) == 1
    assert stored_count_expiry() == clock.value + PERIOD + 5
    clock.value += PERIOD - 10
    assert network.source_hits(request(), scope="sign", period=PERIOD) == 2
    assert stored_count_expiry() == clock.value + PERIOD + 5


class ExpiresBetweenAddAndIncr:
    """The real cache, except that once, a count expires just after `add` found it and before
    `incr` reads it (its lifetime ends between the two round trips of one hit)."""

    def __init__(self, cache):
        self.cache = cache
        self.races = 1

    def add(self, key, value, timeout):
        added = self.cache.add(key, value, timeout=timeout)
        if not added and self.races:
            self.races -= 1
            self.cache.delete(key)
        return added

    def __getattr__(self, name):
        return getattr(self.cache, name)


def test_a_count_that_expires_between_add_and_incr_starts_again_at_one(
    clock, database_cache, monkeypatch
):
    """That hit counts 1 in a fresh count with the full lifetime, and the next hit counts 2:
    nothing fails and the count is not lost."""
    monkeypatch.setattr(network, "cache", ExpiresBetweenAddAndIncr(database_cache))
    assert network.source_hits(request(), scope="sign", period=PERIOD) == 1
    clock.value += 10
    assert network.source_hits(request(), scope="sign", period=PERIOD) == 1
    assert stored_count_expiry() == clock.value + PERIOD + 5
    clock.value += 10
    assert network.source_hits(request(), scope="sign", period=PERIOD) == 2
