import uuid

import pytest
import redis
from django.test import override_settings

from privacy import network

REDIS_URL = "redis://127.0.0.1:6379/15"


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
    window's key expires by itself, and the limit trips after `limit` hits."""
    scope = f"test-{uuid.uuid4().hex[:8]}"
    counts = [network.key_hits("pseudonym", scope=scope, period=60) for _ in range(3)]
    assert counts == [1, 2, 3]
    keys = list(redis_limits.scan_iter(f"*rl:{scope}:*"))
    assert len(keys) == 1
    assert 0 < redis_limits.ttl(keys[0]) <= 65
    assert network.key_limited("pseudonym", scope=scope, limit=3, period=60) is True
    assert network.key_limited("another", scope=scope, limit=3, period=60) is False
