"""The in-page checks can fail: each one is shown a page with the very fault it looks for, so
a green suite means the site passed them, not that the checks saw nothing."""

import pytest

from e2e.browser.helpers import (
    axe_violations,
    focused,
    horizontal_overflow,
    text_near_edge,
    unreachable_controls,
)

pytestmark = pytest.mark.browser

# Added to a real page of the site through the DevTools protocol (not served by the site).
FAULTS_JS = """() => {
    const main = document.querySelector('main');
    const img = document.createElement('img');
    img.src = '/static/no-such-image.png';           // no alt: WCAG 1.1.1
    main.prepend(img);
    const low = document.createElement('p');
    low.textContent = 'Barely readable';
    low.style.cssText = 'color:#eee;background:#fff';  // contrast far below 4.5:1
    main.prepend(low);
    const wide = document.createElement('div');
    wide.style.cssText = 'width:3000px;height:10px';
    main.append(wide);
    const hidden = document.createElement('a');
    hidden.href = '/'; hidden.textContent = 'Covered link'; hidden.id = 'covered';
    main.append(hidden);
    const cover = document.createElement('div');
    cover.style.cssText = 'position:fixed;inset:0;background:#000;z-index:99';
    document.body.append(cover);
    const noFocus = document.createElement('button');
    noFocus.textContent = 'No focus ring'; noFocus.id = 'no-ring';
    noFocus.style.cssText = 'outline:none;box-shadow:none';
    main.append(noFocus);
    const flush = document.createElement('p');
    flush.textContent = 'Flush against the edge';
    flush.style.cssText = 'position:absolute;left:4px;top:900px;margin:0';
    document.body.append(flush);
}"""


def test_checks_catch_the_faults_they_look_for(new_context, axe_source):
    """axe-core reports a missing alt and low contrast; the layout check sees sideways
    scrolling and a covered link; the edge check sees text 4 px from the edge; the focus
    check sees a control without a focus ring."""
    page = new_context("en", viewport={"width": 360, "height": 740}).new_page()
    page.goto("/en/legal.html")
    page.evaluate(FAULTS_JS)
    rules = {violation["id"] for violation in axe_violations(page, axe_source)}
    assert {"image-alt", "color-contrast"} <= rules, rules
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width > inner_width
    assert any(c["label"] == "Covered link" for c in unreachable_controls(page))
    near = text_near_edge(page)
    assert any(item["what"] == "Flush against the edge" and item["left"] == 4 for item in near)
    page.focus("#no-ring")
    assert focused(page)["visible"] is False
