"""Where requests come from, without ever writing an IP address down.

The client address is REMOTE_ADDR, the peer that connected. X-Forwarded-For is read only
when that peer is one of the configured proxy networks (TRUSTED_PROXIES), and then only as
far as TRUSTED_PROXY_COUNT proxies reach: a client that reaches the app directly, or adds
its own header, cannot forge its way past a limit. An IPv6 client counts as its /64 (one
subscriber's network, within which addresses rotate freely).

The address is only ever used as a pseudonym: HMAC under RATE_LIMIT_KEY of a random key of
the current UTC day (privacy.models.PseudonymKey, deleted when the day is over) and the
address. Counts per pseudonym live in Redis when configured, otherwise in a database table
(privacy.models.RateCount), each for its window only.
"""

import datetime as dt
import hashlib
import hmac
import ipaddress
import logging
import secrets
import time
from functools import cache as cache_function
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest

from privacy import resilient_cache

logger = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache_function
def _networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        return parsed.ipv4_mapped
    return parsed


def is_trusted_proxy(address: str) -> bool:
    """Whether `address` is in one of the TRUSTED_PROXIES networks."""
    parsed = _parse(address)
    if parsed is None:
        return False
    return any(parsed in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


_warned_untrusted = False


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(settings.TRUSTED_PROXY_COUNT)
    if proxies <= 0:
        return remote
    header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    if not is_trusted_proxy(remote):
        global _warned_untrusted
        if header and not _warned_untrusted:
            # Once per process, and without the address: a deployment where clients reach
            # the app past its proxy, or whose TRUSTED_PROXIES misses the proxy.
            _warned_untrusted = True
            logger.warning(
                "X-Forwarded-For ignored: the request came from a peer outside TRUSTED_PROXIES."
            )
        return remote
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    # Each trusted proxy appends the address it saw; the client's is `proxies` from the end.
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return remote


def source_address(request: HttpRequest) -> str:
    """The client address as rate limits see it: an IPv6 address as its /64 network."""
    address = client_ip(request)
    parsed = _parse(address)
    if parsed is None:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _today() -> str:
    """The UTC date by the clock the rate-limit windows read (time.time)."""
    return time.strftime("%Y%m%d", time.gmtime(time.time()))


_day_keys: dict[str, bytes] = {}


def day_key(day: str) -> bytes:
    """The random key of `day`, made by the first process that needs it and shared through the
    database by all of them (kept in memory after the first read)."""
    key = _day_keys.get(day)
    if key is None:
        from privacy.models import PseudonymKey

        row, _created = PseudonymKey.objects.get_or_create(
            day=day, defaults={"key": secrets.token_bytes(32)}
        )
        key = bytes(row.key)
        _day_keys.clear()
        _day_keys[day] = key
    return key


def source_key(request: HttpRequest) -> str:
    """A pseudonym of the request's source for today: it changes at midnight UTC, and once the
    day's random key is deleted nobody can tell which address it stood for."""
    day = _today()
    message = b"%s|%s" % (day_key(day), source_address(request).encode())
    digest = hmac.new(bytes(settings.RATE_LIMIT_KEY), message, hashlib.sha256)
    return digest.hexdigest()[:32]


def rate_limited(request: HttpRequest, *, scope: str, limit: int, period: int) -> bool:
    """Count one more hit of `scope` from this source; True once over `limit` per `period` s."""
    return key_limited(source_key(request), scope=scope, limit=limit, period=period)


def key_limited(key: str, *, scope: str, limit: int, period: int) -> bool:
    """Count one more hit of `scope` for `key` (a pseudonym, never personal data)."""
    return key_hits(key, scope=scope, period=period) > limit


def source_hits(request: HttpRequest, *, scope: str, period: int) -> int:
    """Count one more hit of `scope` from this source and return the count in this window,
    for callers that compare it with more than one threshold (one write, not two)."""
    return key_hits(source_key(request), scope=scope, period=period)


@cache_function
def _redis() -> Any:
    """A Redis client when REDIS_URL is set: one round trip per hit."""
    if not settings.REDIS_URL:
        return None
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    # No retries and short timeouts: a failing Redis is the breaker's to handle
    # (privacy.resilient_cache), at once, not after seconds of retrying.
    return redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=resilient_cache.CONNECT_TIMEOUT,
        socket_timeout=resilient_cache.SOCKET_TIMEOUT,
        retry=Retry(NoBackoff(), 0),
    )


def keys_count(keys: list[str], *, scope: str, period: int) -> int:
    """The hits of `scope` counted so far in this window for all of `keys` together, without
    counting one more."""
    window = int(time.time() // period)
    names = [f"rl:{scope}:{window}:{key[:32]}" for key in keys]
    client = _redis()
    if client is not None:
        prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
        return sum(int(value or 0) for value in client.mget([f"{prefix}:{n}" for n in names]))
    from privacy.models import RateCount

    counts = RateCount.objects.filter(name__in=names).values_list("hits", flat=True)
    return sum(counts)


def source_count(request: HttpRequest, *, scope: str, period: int) -> int:
    """The hits of `scope` from this source so far in this window (none is added)."""
    return keys_count([source_key(request)], scope=scope, period=period)


def key_hits(key: str, *, scope: str, period: int) -> int:
    window = int(time.time() // period)
    cache_key = f"rl:{scope}:{window}:{key[:32]}"
    client = _redis()
    if client is not None:
        namespaced = f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:{cache_key}"
        return resilient_cache.count_hit(
            client, namespaced, ttl=period + 5, server=str(settings.REDIS_URL)
        )
    return _table_hits(cache_key, expires_at=(window + 1) * period + 5)


def _table_hits(name: str, *, expires_at: int) -> int:
    """One more hit on the count `name`, in one atomic statement (SQLite and PostgreSQL both
    upsert with RETURNING): concurrent hits from several processes never lose one, and the
    count keeps its window's end as expiry, however it is read."""
    from privacy.models import RateCount

    table = connection.ops.quote_name(RateCount._meta.db_table)
    sql = (
        f"INSERT INTO {table} (name, hits, expires_at) VALUES (%s, 1, %s) "  # noqa: S608
        f"ON CONFLICT (name) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [name, expires_at])
        row = cursor.fetchone()
    return int(row[0])


def purge_expired(*, now: dt.datetime) -> int:
    """Delete counts whose window is over and the keys of days that are over (the hourly
    purge, privacy.registry). Returns how many rows went."""
    from privacy.models import PseudonymKey, RateCount

    seconds = now.timestamp()
    counts, _detail = RateCount.objects.filter(expires_at__lt=seconds).delete()
    today = time.strftime("%Y%m%d", time.gmtime(seconds))
    keys, _detail = PseudonymKey.objects.filter(day__lt=today).delete()
    for day in list(_day_keys):
        if day < today:
            del _day_keys[day]
    return counts + keys
