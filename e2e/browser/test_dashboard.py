"""The campaign dashboard in a real browser: every chart drawn, its table opened without
JavaScript's help (a <details>), no accessibility violations, and no sideways scrolling of
the page on a phone (a wide chart scrolls inside its own box)."""

import pytest

from e2e.browser.helpers import assert_no_axe_violations, horizontal_overflow

pytestmark = pytest.mark.browser


def log_in(page, live_site) -> None:
    page.goto("/admin/login/?next=/admin/dashboard/")
    page.locator("input[name=username]").fill(live_site.admin_user)
    page.locator("input[name=password]").fill(live_site.admin_password)
    page.locator("form [type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("input[name=password]").count() == 0, "admin login failed"


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("en", {"width": 1280, "height": 900}), ("nl", {"width": 360, "height": 740})],
)
def test_dashboard_charts_tables_and_accessibility(
    new_context, live_site, axe_source, language, viewport
):
    context = new_context(language, viewport=viewport)
    page = context.new_page()
    log_in(page, live_site)
    page.goto("/admin/dashboard/")
    figures = page.locator("figure.dashboard-chart")
    assert figures.count() == 7
    assert page.locator("figure.dashboard-chart svg.chart").count() >= 1  # coalition's buckets
    first_table = figures.first.locator("details table")
    assert not first_table.is_visible()
    figures.first.locator("summary").click()
    assert first_table.is_visible()
    assert_no_axe_violations(page, axe_source, f"dashboard ({language})")
    scroll_width, window_width = horizontal_overflow(page)
    assert scroll_width <= window_width
