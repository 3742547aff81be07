"""Redis failing costs no page and resets no limit (privacy.resilient_cache), against a real
redis-server of the test's own that is killed, paused and started again."""

import time
from collections.abc import Iterator

import pytest
from django.core.cache import caches
from django.test import override_settings

from privacy import network, resilient_cache
from privacy.tests.redis_server import RedisServer


@pytest.fixture
def redis_server(monkeypatch) -> Iterator[RedisServer]:
    monkeypatch.setattr(resilient_cache, "RETRY_SECONDS", 0.3)
    server = RedisServer()
    server.start()
    resilient_cache.reset_for_tests()
    network._redis.cache_clear()
    cache_settings = {
        "default": {
            "BACKEND": "privacy.resilient_cache.ResilientRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "t",
        }
    }
    try:
        with override_settings(CACHES=cache_settings, REDIS_URL=server.url):
            yield server
    finally:
        if server.process is not None:
            server.resume()
        server.stop()
        network._redis.cache_clear()
        resilient_cache.reset_for_tests()


def _timed(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def test_the_cache_serves_from_memory_while_redis_is_down_and_redis_again_after(redis_server):
    cache = caches["default"]
    cache.set("page", "rendered before", 60)
    assert cache.get("page") == "rendered before"

    redis_server.stop()
    # The last entries written are at hand; reads and writes neither fail nor wait.
    for _ in range(20):
        value, seconds = _timed(lambda: cache.get("page"))
        assert value == "rendered before"
        assert seconds < 0.3
    cache.set("during", "rendered meanwhile", 60)
    assert cache.get("during") == "rendered meanwhile"
    assert cache.add("version", 7, timeout=None) is True
    cache.set("version", 8, timeout=None)  # a content change while Redis is away

    redis_server.start()  # empty, as after a restart
    time.sleep(resilient_cache.RETRY_SECONDS + 0.1)
    cache.set("after", "in redis", 60)
    import redis

    client = redis.Redis.from_url(redis_server.url)
    assert client.exists(cache.make_key("after"))
    # The content change made meanwhile reached Redis: no process serves an older page.
    assert cache.get("version") == 8
    assert client.exists(cache.make_key("version"))


def test_a_stalled_redis_delays_a_request_by_at_most_the_socket_timeout(redis_server):
    cache = caches["default"]
    cache.set("page", "x", 60)
    redis_server.pause()
    try:
        _value, first = _timed(lambda: cache.get("page"))
        assert first < resilient_cache.SOCKET_TIMEOUT + 0.4
        _value, then = _timed(lambda: cache.get("page"))
        assert then < 0.05  # the breaker is open: no wait at all
    finally:
        redis_server.resume()


def test_limits_are_not_reset_by_a_redis_restart(redis_server):
    """A source at its limit before Redis is restarted (empty) is still at it after."""
    counts = [network.key_hits("source", scope="sign", period=3600) for _ in range(5)]
    assert counts == [1, 2, 3, 4, 5]
    redis_server.stop()
    redis_server.start()
    time.sleep(resilient_cache.RETRY_SECONDS + 0.1)
    assert network.key_hits("source", scope="sign", period=3600) == 6
    assert network.key_limited("source", scope="sign", limit=6, period=3600) is True


def test_limits_count_locally_times_the_processes_while_redis_is_down(redis_server, settings):
    settings.RATE_LIMIT_PROCESSES = 4
    assert network.key_hits("other", scope="sign", period=3600) == 1
    redis_server.stop()
    hits, seconds = _timed(lambda: [network.key_hits("other", scope="sign", period=3600)
                                    for _ in range(3)])  # fmt: skip
    # This process saw 4 hits in all; alone, it assumes the other 3 processes saw as many.
    assert hits == [8, 12, 16]
    assert seconds < 0.5
    # A limit of 8 per window: this process lets a fresh source through twice, not 8 times.
    limited = [network.key_limited("fresh", scope="sign", limit=8, period=3600) for _ in "abc"]
    assert limited == [False, False, True]


def test_a_redis_failure_met_by_the_rate_limits_opens_the_breaker_the_cache_uses(redis_server):
    """The rate limits and the page cache share one breaker per Redis: once a hit finds it
    down, the cache turns to this process's memory at once as well, without a wait of its
    own."""
    assert network.key_hits("source", scope="sign", period=3600) == 1
    assert not resilient_cache.breaker(redis_server.url).is_open
    redis_server.stop()
    assert network.key_hits("source", scope="sign", period=3600) == 2
    assert resilient_cache.breaker(redis_server.url).is_open
