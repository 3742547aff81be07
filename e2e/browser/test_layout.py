"""Phones and desktops: no page scrolls sideways, every link and button in the main content
can be reached, and full-page screenshots of the home page are kept for a person to look at."""

import pytest

from e2e.browser.helpers import horizontal_overflow, public_paths, unreachable_controls, url

pytestmark = pytest.mark.browser

SIZES = {
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1366, "height": 768}},
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_page_scrolls_sideways_and_every_control_is_reachable(new_context, language, size):
    """On every public page, at phone (360x740) and desktop (1366x768) size, the page is no
    wider than the window and each link and button in <main> is visible and not covered."""
    page = new_context(language, **SIZES[size]).new_page()
    problems = []
    for path in public_paths(page, language):
        page.goto(path)
        scroll_width, inner_width = horizontal_overflow(page)
        if scroll_width > inner_width:
            problems.append(f"{path}: {scroll_width}px wide in a {inner_width}px window")
        for control in unreachable_controls(page):
            problems.append(f"{path}: {control['label']!r} is {control['why']}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_home_page_screenshot(new_context, artifacts, language, size):
    """A full-page screenshot of the home page at each size, saved in test-artifacts/."""
    page = new_context(language, **SIZES[size]).new_page()
    page.goto(url("campaigns:home", language))
    page.wait_for_load_state("networkidle")
    target = artifacts / f"home-{language}-{size}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
