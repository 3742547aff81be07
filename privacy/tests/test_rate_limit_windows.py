"""Rate-limit counts without Redis (a single server): fixed windows, one count per scope, and a
count that is forgotten soon after its window, stored in a table of its own."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, connections
from django.test import RequestFactory

from privacy import network, registry
from privacy.models import RateCount

pytestmark = pytest.mark.django_db
PERIOD = 60


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


def stored_counts() -> list[tuple[str, int, int]]:
    """The counts in the table, as (name, hits, expires_at)."""
    return list(RateCount.objects.order_by("name").values_list("name", "hits", "expires_at"))


def test_a_count_lasts_to_the_end_of_its_window_and_no_longer(clock):
    """Without Redis, a count is stored in its own table until 5 s after its window ends,
    however late in the window the last hit comes (steady hits minutes apart still add up to
    an hourly limit: no cache default timeout resets it) and however many hits come (the
    pseudonym is not kept longer). The stored name holds no address."""
    assert network.source_hits(request(), scope="sign", period=PERIOD) == 1
    clock.value += PERIOD - 1
    assert network.source_hits(request(), scope="sign", period=PERIOD) == 2
    [(name, hits, expires_at)] = stored_counts()
    assert (hits, expires_at) == (2, clock.window_start + PERIOD + 5)
    assert "203.0.113.7" not in name


def test_the_purge_deletes_only_counts_whose_window_is_over(clock):
    """The hourly purge removes a count once its expiry has passed, and keeps the current
    window's count."""
    network.source_hits(request(), scope="sign", period=PERIOD)
    clock.value += PERIOD
    network.source_hits(request(), scope="sign", period=PERIOD)
    assert len(stored_counts()) == 2
    now = dt.datetime.fromtimestamp(clock.value + 6, tz=dt.UTC)
    assert registry.purges_run(now=now)["rate_limits"] == 1
    assert [hits for _name, hits, _expires in stored_counts()] == [1]


def hit_many(count: int) -> None:
    for _ in range(count):
        network.key_hits("pseudonym", scope="race", period=3600)
    connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_are_never_lost():
    """Four threads, each with its own database connection, hitting one count at once: every
    hit is counted (an UPDATE ... + 1 in one statement, never read-then-write). PostgreSQL
    only: the in-memory SQLite test database refuses a second writer instead of queueing it."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a database that several connections write to at once")
    threads = [threading.Thread(target=hit_many, args=(50,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert network.key_hits("pseudonym", scope="race", period=3600) == 201


def test_a_count_reads_what_the_hits_wrote_for_all_its_keys_and_adds_none(clock):
    """keys_count sums this window's hits of every key it is given, counting none itself: a
    key never hit adds 0, another scope is apart, a key longer than a pseudonym is read as it
    was written, and the next window starts from 0 again."""
    long_key = "k" * 40
    for key in ("all-0", "all-1", "all-1", long_key):
        network.key_hits(key, scope="sign-all", period=PERIOD)
    assert network.keys_count(["all-0", "all-1", "all-2"], scope="sign-all", period=PERIOD) == 3
    assert network.keys_count(["all-0", "all-1", "all-2"], scope="sign-all", period=PERIOD) == 3
    assert network.keys_count([long_key], scope="sign-all", period=PERIOD) == 1
    assert network.keys_count(["all-1"], scope="sign", period=PERIOD) == 0
    clock.value += PERIOD
    assert network.keys_count(["all-0", "all-1", long_key], scope="sign-all", period=PERIOD) == 0
