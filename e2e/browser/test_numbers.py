"""The public numbers page in a real browser, with signatures from several countries: axe-core
finds no WCAG 2.1 A/AA violation, the map is drawn without any script, it fits a phone, and
each member state's shape names its numbers on hover."""

import json
import sqlite3
import urllib.request

import pytest

from e2e.browser.helpers import assert_no_axe_violations, horizontal_overflow, poll, url

pytestmark = pytest.mark.browser

TALLIES = {"DE": 41234, "NL": 18950, "FR": 9120, "BE": 6400, "MT": 35, "LU": 150, "GB": 640}


@pytest.fixture(scope="module")
def signed(live_site):
    """Signatures as the counting job leaves them: per-country tally rows (added to those the
    suite's journeys counted, which are put back afterwards)."""
    database = live_site.var_dir / "db.sqlite3"
    with sqlite3.connect(database) as db:
        before = db.execute("SELECT country, count FROM petitions_signaturetally").fetchall()
        db.executemany(
            "INSERT INTO petitions_signaturetally (country, count) VALUES (?, ?) "
            "ON CONFLICT (country) DO UPDATE SET count = excluded.count",
            list(TALLIES.items()),
        )

    # The total is cached for a few seconds, and pages with it: wait until the site shows
    # the new one (then every page is rendered anew, its cache key holds the total).
    def counted() -> bool:
        address = live_site.base_url + url("petitions:count", "en")
        with urllib.request.urlopen(address) as response:  # noqa: S310 (our own test server)
            return json.load(response)["count"] == expected

    untouched = sum(count for country, count in before if country not in TALLIES)
    expected = untouched + sum(TALLIES.values())
    assert poll(counted, timeout=20), "the site never showed the new total"
    yield
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM petitions_signaturetally")
        db.executemany(
            "INSERT INTO petitions_signaturetally (country, count) VALUES (?, ?)", before
        )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_numbers_page_passes_axe_with_map_and_table(new_context, axe_source, signed, language):
    """With JavaScript off the map and the table are there, coloured per million; with it on
    axe-core reports no violation."""
    page = new_context(language, java_script_enabled=False).new_page()
    page.goto(url("petitions:numbers", language))
    assert page.locator("svg.europe-map__svg g").count() == 27
    fills = set(
        page.eval_on_selector_all(
            "svg.europe-map__svg g path", "ps => ps.map(p => p.getAttribute('fill'))"
        )
    )
    assert len(fills) >= 3, fills  # several classes
    assert page.locator("table caption").count() == 1
    assert page.locator("tbody th[scope=row]").count() == 27 + 1  # + United Kingdom

    page = new_context(language).new_page()
    page.goto(url("petitions:numbers", language))
    assert_no_axe_violations(page, axe_source, f"numbers page ({language})")


def test_numbers_page_fits_a_phone_and_titles_each_country(new_context, signed):
    page = new_context(
        "en", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    ).new_page()
    page.goto(url("petitions:numbers", "en"))
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width <= inner_width
    svg_box = page.locator("svg.europe-map__svg").bounding_box()
    assert svg_box["width"] > 300
    titles = page.eval_on_selector_all(
        "svg.europe-map__svg g > title", "ts => ts.map(t => t.textContent)"
    )
    assert any(t.startswith("Malta: 35 signatures") for t in titles), titles
