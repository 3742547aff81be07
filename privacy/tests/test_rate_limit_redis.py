import os
import time
import uuid

import pytest
import redis
from django.test import override_settings

from privacy import network

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"

# Parallel checkouts can each use their own database: TEST_REDIS_URL=redis://127.0.0.1:6379/4
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_limits():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    network._redis.cache_clear()
    with override_settings(REDIS_URL=REDIS_URL):
        yield client
    network._redis.cache_clear()
    for key in client.scan_iter("*rl:test-*"):
        client.delete(key)


def test_hits_count_in_redis_with_an_expiry(redis_limits):
    """With Redis configured, every hit is counted there (shared by all app servers), the
    window's key expires by itself, but not before a window that began with the first hit
    is over, and the limit trips after `limit` hits."""
    scope = f"test-{uuid.uuid4().hex[:8]}"
    counts = [network.key_hits("pseudonym", scope=scope, period=60) for _ in range(3)]
    assert counts == [1, 2, 3]
    keys = list(redis_limits.scan_iter(f"*rl:{scope}:*"))
    assert len(keys) == 1
    assert 60_000 < redis_limits.pttl(keys[0]) <= 65_000
    assert network.key_limited("pseudonym", scope=scope, limit=3, period=60) is True
    assert network.key_limited("another", scope=scope, limit=3, period=60) is False


def scope():
    return f"test-{uuid.uuid4().hex[:8]}"


def test_counts_live_under_the_cache_key_prefix(redis_limits):
    """Counters are stored under the cache's KEY_PREFIX, so two sites sharing one Redis with
    different prefixes never use up each other's limits."""
    name = scope()
    prefixes = [f"ssm-{uuid.uuid4().hex[:8]}", f"ssm-{uuid.uuid4().hex[:8]}"]
    counts = []
    for prefix in (prefixes[0], prefixes[0], prefixes[1]):
        cache = {"default": {"BACKEND": LOCMEM, "KEY_PREFIX": prefix}}
        with override_settings(CACHES=cache):
            counts.append(network.key_hits("pseudonym", scope=name, period=60))
    assert counts == [1, 2, 1]
    for prefix in prefixes:
        assert len(list(redis_limits.scan_iter(f"{prefix}:rl:{name}:*"))) == 1
    assert len(list(redis_limits.scan_iter(f"*rl:{name}:*"))) == 2


def test_a_count_expires_period_plus_5_seconds_after_the_first_hit(redis_limits):
    """The first hit of a window gives its counter a lifetime of period + 5 s (EXPIRE NX);
    later hits never extend it, so a steady stream of hits cannot keep a pseudonym stored."""
    name = scope()
    network.key_hits("pseudonym", scope=name, period=60)
    [key] = redis_limits.scan_iter(f"*rl:{name}:*")
    assert 60_000 < redis_limits.pttl(key) <= 65_000
    redis_limits.expire(key, 10)
    assert network.key_hits("pseudonym", scope=name, period=60) == 2
    assert 0 < redis_limits.pttl(key) <= 10_000


def test_a_count_in_redis_reads_what_the_hits_wrote_with_or_without_a_key_prefix(
    redis_limits, monkeypatch
):
    """keys_count reads from Redis the hits key_hits wrote there, summed over its keys and
    counting none itself, under the cache's KEY_PREFIX or without one: a key never hit adds
    0, and a key longer than a pseudonym is read as it was written."""
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)  # all in one window
    name = scope()
    long_key = "k" * 40
    # A different number of hits under each prefix: reading the wrong one shows.
    for cache, hits in (
        ({"BACKEND": LOCMEM}, 1),
        ({"BACKEND": LOCMEM, "KEY_PREFIX": f"ssm-{name}"}, 3),
    ):
        with override_settings(CACHES={"default": cache}):
            for key in ["a"] * hits + ["b", long_key]:
                network.key_hits(key, scope=name, period=60)
            assert network.keys_count(["a", "b", "c"], scope=name, period=60) == hits + 1
            assert network.keys_count(["a"], scope=name, period=60) == hits
            assert network.keys_count(["c"], scope=name, period=60) == 0
            assert network.keys_count([long_key], scope=name, period=60) == 1
