"""The app server killed (kill -9 of granian and its workers) in the middle of a signing load,
three times, restarted each time: every signature the site acknowledged (302 to the "check
your inbox" page) is stored, on SQLite and on PostgreSQL; nothing answered 500."""

from __future__ import annotations

import time

import pytest

from .site_support import Load, app_site, statuses

pytestmark = pytest.mark.chaos

ROUNDS = 3


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_app_server_killed_mid_signing_loses_no_acknowledged_signature(
    request: pytest.FixtureRequest, database: str
) -> None:
    with app_site(request, database=database) as site:
        threads = 1 if database == "sqlite" else 2  # as docs/deploy.md advises
        site.start_app(workers=2, threads=threads)
        restarts = []
        with Load(site, threads=4, sign_every=1) as load:
            for _ in range(ROUNDS):
                time.sleep(1.5)
                site.kill_app()
                killed = time.monotonic()
                site.start_app(workers=2, threads=threads)
                restarts.append(time.monotonic() - killed)
            time.sleep(1)
        answers = load.answers
        acknowledged = {a.email for a in answers if a.status == 302}
        stored = site.stored({a.email for a in answers})
        assert acknowledged, "the load signed"
        assert acknowledged <= stored, f"{len(acknowledged - stored)} acknowledged lost"
        assert statuses(answers).keys() <= {302, 0}, statuses(answers)
        print(  # the measurement, shown with -s
            f"\n{database}: {ROUNDS} kills, back in {max(restarts):.1f} s at most; "
            f"{len(answers)} sign POSTs, {len(acknowledged)} acknowledged, all stored "
            f"({len(stored - acknowledged)} stored whose answer was cut by the kill); "
            f"answers {statuses(answers)}"
        )
