"""Where requests come from, without ever writing an IP address down.

The client address is taken from REMOTE_ADDR, or from X-Forwarded-For only as far as the
configured number of trusted proxies reaches (a client cannot forge its way past a limit by
sending its own header). It is only ever used as a keyed hash under RATE_LIMIT_KEY mixed with
the current day, kept in the cache for the length of the limit window.
"""

import hashlib
import hmac
import time
from functools import cache as cache_function
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(settings.TRUSTED_PROXY_COUNT)
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    # Each trusted proxy appends the address it saw; the client's is `proxies` from the end.
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return remote


def source_key(request: HttpRequest) -> str:
    """A short-lived pseudonym of the request's source: changes every day, not reversible."""
    day = time.strftime("%Y%m%d", time.gmtime())
    digest = hmac.new(
        bytes(settings.RATE_LIMIT_KEY), f"{day}|{client_ip(request)}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:32]


def rate_limited(request: HttpRequest, *, scope: str, limit: int, period: int) -> bool:
    """Count one more hit of `scope` from this source; True once over `limit` per `period` s."""
    return key_limited(source_key(request), scope=scope, limit=limit, period=period)


def key_limited(key: str, *, scope: str, limit: int, period: int) -> bool:
    """Count one more hit of `scope` for `key` (a pseudonym, never personal data)."""
    return key_hits(key, scope=scope, period=period) > limit


def source_hits(request: HttpRequest, *, scope: str, period: int) -> int:
    """Count one more hit of `scope` from this source and return the count in this window,
    for callers that compare it with more than one threshold (one cache write, not two)."""
    return key_hits(source_key(request), scope=scope, period=period)


@cache_function
def _redis() -> Any:
    """A Redis client when REDIS_URL is set: one round trip per hit instead of the cache
    API's three (add, exists, incr)."""
    if not settings.REDIS_URL:
        return None
    import redis

    return redis.Redis.from_url(settings.REDIS_URL)


def key_hits(key: str, *, scope: str, period: int) -> int:
    window = int(time.time() // period)
    cache_key = f"rl:{scope}:{window}:{key[:32]}"
    client = _redis()
    if client is not None:
        namespaced = f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:{cache_key}"
        pipeline = client.pipeline(transaction=False)
        pipeline.incr(namespaced)
        pipeline.expire(namespaced, period + 5, nx=True)
        count, _ = pipeline.execute()
        return int(count)
    if cache.add(cache_key, 1, timeout=period + 5):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
            # Django's generic incr (database and file caches) stores the new count with the
            # default timeout (5 minutes): give it back its window's lifetime.
            cache.touch(cache_key, timeout=period + 5)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=period + 5)
            count = 1
    return int(count)
