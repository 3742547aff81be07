"""Redis killed during a load of readers and signers, then started again, empty: pages keep
being served and signing goes on (each app process falls back to its own memory), nothing
answers 500, and when Redis is back everything uses it again without a restart, with the
rate limits not reset (a source blocked before the restart is still blocked after)."""

from __future__ import annotations

import re
import time
import urllib.parse

import pytest

from privacy import resilient_cache
from privacy.tests.redis_server import RedisServer

from .site_support import AppSite, Load, app_site, postgres_url, statuses

pytestmark = pytest.mark.chaos

RESEND_LIMIT = 5


def _resend(site: AppSite) -> int:
    # A form token names its form: the resend form's own, from the page that holds it.
    _status, page, _headers = site.request("GET", "/nl/sign/sent/")
    found = re.search(r'name="form_token" value="([^"]+)"', page.decode(errors="replace"))
    assert found, "no form token on the check-your-inbox page"
    body = urllib.parse.urlencode(
        {"form_token": found.group(1), "email": "blocked@example.org"}
    ).encode()
    _body, headers = site.sign_form("x@example.org")
    status, _content, _headers = site.request("POST", "/nl/sign/resend/", body, headers)
    return status


def test_redis_down_then_back_empty(request: pytest.FixtureRequest) -> None:
    redis = RedisServer()
    redis.start()
    try:
        with app_site(
            request,
            database="postgres" if postgres_url() else "sqlite",
            redis_url=redis.url,
            extra_env={"RESEND_SOURCE_LIMIT": str(RESEND_LIMIT)},
        ) as site:
            site.start_app(workers=1, threads=4)
            # A source over a limit before the outage.
            resends = [_resend(site) for _ in range(RESEND_LIMIT + 1)]
            assert resends[-1] == 429 and set(resends[:-1]) == {200}

            with Load(site, threads=4) as load:
                time.sleep(2)
                down_at = time.monotonic()
                redis.stop()
                assert _resend(site) == 429, "the limit held while Redis was down"
                time.sleep(6)
                up_at = time.monotonic()
                redis.start()  # empty: everything it held is gone
                time.sleep(resilient_cache.MAX_OPEN_SECONDS + 2)
                end = time.monotonic()

            # Back: Redis holds the site's entries again, without a restart of the app.
            import redis as redis_lib

            client = redis_lib.Redis.from_url(redis.url)
            assert client.dbsize() > 0, "the app went back to Redis"
            assert _resend(site) == 429, "the limit was not reset by the empty Redis"

            everything = load.answers
            during = load.between(down_at, up_at)
            after = load.between(up_at + resilient_cache.MAX_OPEN_SECONDS, end)
            assert statuses(everything).keys() <= {200, 302}, statuses(everything)
            assert statuses(during, "page") and set(statuses(during, "page")) == {200}
            assert statuses(during, "sign") and set(statuses(during, "sign")) == {302}
            assert set(statuses(after, "page")) == {200}
            assert set(statuses(after, "sign")) == {302}
            acknowledged = {a.email for a in everything if a.kind == "sign" and a.status == 302}
            assert site.stored(acknowledged) == acknowledged
            slowest = max(a.seconds for a in during)
            assert slowest < 2.0, f"a request waited {slowest:.2f} s while Redis was down"
            print(  # the measurement, shown with -s
                f"\nRedis down {up_at - down_at:.1f} s, back empty for {end - up_at:.1f} s: "
                f"{len(everything)} requests, {len(during)} while down "
                f"(pages {statuses(during, 'page')}, signing {statuses(during, 'sign')}), "
                f"slowest while down {slowest * 1000:.0f} ms, "
                f"{len(acknowledged)} acknowledged signatures all stored, "
                f"resend limit held before, during and after"
            )
    finally:
        redis.stop()
