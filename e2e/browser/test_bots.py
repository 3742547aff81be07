"""Proof of work in a real browser: once a source has signed POW_SOURCE_SIGNS_PER_HOUR
times, its browser solves the puzzle (static/js/pow.js) and the server accepts the solution;
the same source without JavaScript still signs, but its signature is marked suspect."""

import secrets
import sqlite3

import pytest

from e2e.browser.helpers import new_address, url
from e2e.browser.test_petition import sign

pytestmark = pytest.mark.browser

SOURCE_LIMIT = 5  # POW_SOURCE_SIGNS_PER_HOUR's default


def last_signature_suspect(live_site) -> bool:
    with sqlite3.connect(live_site.var_dir / "db.sqlite3") as db:
        (suspect,) = db.execute(
            "SELECT suspect FROM petitions_signature ORDER BY id DESC LIMIT 1"
        ).fetchone()
    return bool(suspect)


def test_a_busy_source_solves_the_puzzle_in_the_browser(new_context, live_site):
    source = f"192.0.2.{secrets.randbelow(250) + 1}"
    context = new_context(extra_http_headers={"X-Forwarded-For": source})
    page = context.new_page()
    for n in range(SOURCE_LIMIT):
        sign(page, "nl", new_address(f"pow{n}"))
        assert not last_signature_suspect(live_site)
    challenge = page.request.get(url("petitions:challenge", "nl")).json()
    assert challenge["difficulty"] > 0
    page.set_default_timeout(60_000)  # the puzzle takes a moment on a busy machine
    sign(page, "nl", new_address("pow-solved"))
    assert not last_signature_suspect(live_site)

    no_js = new_context(
        java_script_enabled=False, extra_http_headers={"X-Forwarded-For": source}
    ).new_page()
    sign(no_js, "nl", new_address("pow-nojs"))
    assert last_signature_suspect(live_site)
