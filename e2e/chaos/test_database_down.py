"""The database failing under a load of readers and signers: frozen (every PostgreSQL process
stopped: connections hang, nothing answers), refusing (PostgreSQL stopped), and read-only
(the SQLite file made immutable). Meanwhile:
- public pages still come from the page cache, stale past their lifetime if need be;
- signing answers a translated 503 with Retry-After, quickly (connect timeout, request
  deadline), never a 500;
- no request whose answer says nothing was stored stored a signature, and every
  acknowledged one is there;
- once the database is back, everything works again by itself.

PostgreSQL here is a cluster of the test's own (initdb in a temporary directory, another
port), never the machine's; Redis too.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.chaos.mail_support import chaos_only
from privacy import resilient_cache
from privacy.tests.redis_server import RedisServer

from .site_support import Answer, AppSite, Load, OwnPostgres, app_site, statuses

pytestmark = pytest.mark.chaos

DEADLINE = 2.0  # REQUEST_DEADLINE_SECONDS of the site (site_support)
# A request waits at most its deadline for the database, after waiting for a free thread of
# the app server, whose threads may all be waiting for theirs: twice the deadline, and a bit.
SLOWEST = 2 * DEADLINE + 1.5
# Back by itself: at the latest when the breaker tries the database again (core.deadline),
# once a request in flight has met its deadline.
RECOVERY = resilient_cache.MAX_OPEN_SECONDS + DEADLINE + 0.5


def _check_outage(site: AppSite, load: Load, start: float, end: float, what: str) -> str:
    # Answered while it lasted (a request still waiting when it ends may well succeed).
    during = [a for a in load.between(start, end) if a.at + a.seconds < end]
    pages, signs = statuses(during, "page"), statuses(during, "sign")
    odd = [(a.path, a.status, round(a.at - start, 2), round(a.seconds, 2), a.error)
           for a in during if a.status not in (200, 503)][:5]  # fmt: skip
    assert pages and set(pages) == {200}, f"{what}: pages answered {pages} {odd}"
    assert signs and set(signs) <= {503}, f"{what}: signing answered {signs} {odd}"
    times = sorted(a.seconds for a in during if a.kind == "sign")
    slowest, median = times[-1], times[len(times) // 2]
    assert slowest < SLOWEST, f"{what}: a sign POST waited {slowest:.1f} s"
    return (
        f"{what} {end - start:.0f} s: pages {pages}, signing {signs}, "
        f"sign answers in {median:.2f} s (median) to {slowest:.2f} s"
    )


def _check_recovered(load: Load, start: float, end: float, what: str) -> None:
    after = load.between(start, end)
    odd = [(a.path, a.status, a.error) for a in after if a.status not in (200, 302)][:3]
    assert set(statuses(after, "sign")) == {302}, (
        f"after {what}: {statuses(after, 'sign')} {odd}\n{load.site.log()}"
    )
    assert set(statuses(after, "page")) == {200}, f"after {what}: {statuses(after, 'page')}"


def _check_nothing_wrongly_stored(site: AppSite, answers: list[Answer]) -> str:
    signs = [a for a in answers if a.kind == "sign"]
    acknowledged = {a.email for a in signs if a.status == 302}
    refused = {a.email for a in signs if a.status == 503 and a.outcome == "not-stored"}
    unknown = {a.email for a in signs if a.status == 503 and a.outcome == "unknown"}
    stored = site.stored(acknowledged | refused | unknown)
    assert acknowledged <= stored, f"{len(acknowledged - stored)} acknowledged signatures lost"
    assert not refused & stored, f"{len(refused & stored)} said 'nothing stored' but stored"
    assert statuses(answers).keys() <= {200, 302, 503}, statuses(answers)
    return (
        f"{len(acknowledged)} acknowledged (all stored), {len(refused)} refused (none stored), "
        f"{len(unknown)} commits cut in flight ({len(unknown & stored)} of them stored)"
    )


def _healthz(site: AppSite) -> tuple[int, dict]:
    status, body, _headers = site.request("GET", "/healthz", timeout=10)
    return status, json.loads(body)


@pytest.fixture
def own_postgres(request: pytest.FixtureRequest) -> Iterator[OwnPostgres]:
    chaos_only(request)
    # Under /tmp itself: the postgres user cannot enter pytest's private temporary folders.
    cluster = OwnPostgres(Path(tempfile.mkdtemp(prefix="ssm-chaos-pg-")) / "cluster")
    try:
        cluster.init()
        yield cluster
    finally:
        cluster.destroy()


def test_postgresql_frozen_then_refusing(
    request: pytest.FixtureRequest, own_postgres: OwnPostgres
) -> None:
    redis = RedisServer()
    redis.start()
    try:
        with app_site(request, database=own_postgres.url, redis_url=redis.url) as site:
            site.start_app(workers=1, threads=4)
            report = []
            with Load(site, threads=4) as load:
                time.sleep(2)
                own_postgres.freeze()
                frozen_at = time.monotonic()
                try:
                    time.sleep(6)
                finally:
                    own_postgres.thaw()
                thawed_at = time.monotonic()
                time.sleep(RECOVERY + 1.5)
                _check_recovered(load, thawed_at + RECOVERY, time.monotonic(), "the freeze")

                own_postgres.stop()
                stopped_at = time.monotonic()
                time.sleep(1.5)
                health = _healthz(site)
                time.sleep(2.5)
                own_postgres.start()
                started_at = time.monotonic()
                time.sleep(RECOVERY + 1.5)
                _check_recovered(load, started_at + RECOVERY, time.monotonic(), "the stop")

            report.append(_check_outage(site, load, frozen_at, thawed_at, "frozen"))
            report.append(_check_outage(site, load, stopped_at, started_at, "refusing"))
            assert health == (503, {"database": "unreachable", "cache": "ok", "worker": "unknown"})
            report.append(_check_nothing_wrongly_stored(site, load.answers))
            print("\nPostgreSQL: " + "; ".join(report))  # the measurement, shown with -s
    finally:
        redis.stop()


@contextlib.contextmanager
def _immutable(paths: list[Path]) -> Iterator[None]:
    """The files made immutable (chattr +i: not even root may write them), as a read-only
    mount or a failed disk would make them."""
    existing = [str(p) for p in paths if p.exists()]
    done = subprocess.run(["chattr", "+i", *existing], capture_output=True, check=False)  # noqa: S603, S607
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not possible here: {done.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *existing], capture_output=True, check=True)  # noqa: S603, S607


def test_sqlite_read_only(request: pytest.FixtureRequest) -> None:
    with app_site(request, database="sqlite") as site:
        site.start_app(workers=1, threads=1)
        assert site.sqlite_path is not None
        # The database and its write-ahead log; not the shared-memory index, which SQLite maps
        # into memory (a write to it would kill the process, not fail a statement).
        files = [site.sqlite_path, site.sqlite_path.with_name("db.sqlite3-wal")]
        with Load(site, threads=2) as load:
            time.sleep(2)
            with _immutable(files):
                locked_at = time.monotonic()  # after chattr returned
                time.sleep(4)
                freed_at = time.monotonic()
            time.sleep(RECOVERY + 1.5)
            _check_recovered(load, freed_at + RECOVERY, time.monotonic(), "read-only")
        report = _check_outage(site, load, locked_at, freed_at, "read-only")
        print("\nSQLite: " + report + "; " + _check_nothing_wrongly_stored(site, load.answers))
