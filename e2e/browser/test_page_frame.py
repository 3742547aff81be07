"""Every public page and every state a visitor can reach keeps its text away from the window's
edge, on a phone and on a desktop; the form comes up front; and a screenshot of each is kept
in test-artifacts/screens/ for a person to look at.

The states: each page as it first opens, each form with its errors, every step of signing
(check your inbox, the confirm page, thank you, a link that does not work), the newsletter
and coalition steps, "too many requests" and the petition while signing is paused."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from e2e.browser.helpers import (
    link_for,
    mail_links,
    new_address,
    public_paths,
    text_near_edge,
    token_prefix,
    url,
)
from e2e.browser.test_petition import sign

pytestmark = pytest.mark.browser

SIZES = {
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1366, "height": 768}},
}
EDGE = 12  # CSS pixels between any text and the window's left or right edge, at least


def _name(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "root"


class Walk:
    """Opens states one after another, checks each, and keeps its screenshot."""

    def __init__(self, page: Any, folder: Any, language: str, size: str) -> None:
        self.page, self.folder, self.language, self.size = page, folder, language, size
        self.problems: list[str] = []
        self.seen: list[str] = []

    def check(self, state: str) -> None:
        self.page.wait_for_load_state("load")
        for item in text_near_edge(self.page, EDGE):
            self.problems.append(
                f"{state}: {item['where']} {item['what']!r} is {min(item['left'], item['right'])}"
                f" px from the edge"
            )
        target = self.folder / f"{state}-{self.language}-{self.size}.png"
        self.page.screenshot(path=str(target), full_page=True)
        self.seen.append(state)

    def submit_empty(self, path: str, form: str, state: str) -> None:
        self.page.goto(path)
        # The sign form may be sent by its script, a moment after the click (static/js/pow.js).
        with self.page.expect_navigation():
            self.page.locator(f"main {form} [type=submit]").first.click()
        self.page.wait_for_load_state("load")
        assert self.page.locator(".error-summary").count() == 1, f"{state}: no error summary"
        self.check(state)


@pytest.fixture(scope="module")
def screens(artifacts) -> Iterator[Any]:
    folder = artifacts / "screens"
    folder.mkdir(exist_ok=True)
    yield folder


def walk_pages(walk: Walk, live_site: Any) -> None:
    page, language = walk.page, walk.language
    for path in public_paths(page, language):
        page.goto(path)
        walk.check(_name(path.removeprefix(f"/{language}/")))
    walk.submit_empty(url("petitions:sign", language), "form.sign-form", "sign-errors")
    walk.submit_empty(url("newsletter:subscribe", language), "form", "newsletter-errors")
    walk.submit_empty(url("coalition:apply", language), "form", "coalition-errors")

    # Signing, step by step.
    address = new_address(f"frame-{language}")
    sign(page, language, address)
    walk.check("sign-check-inbox")
    mail = live_site.outbox.wait_for(to=address)
    page.goto(link_for(mail_links(mail, live_site.base_url), "petitions:confirm", language))
    walk.check("sign-confirm")
    page.locator("main form [type=submit]").click()
    page.wait_for_url(re.compile(re.escape(url("petitions:confirmed", language)) + "$"))
    walk.check("sign-thanks")
    page.goto(token_prefix("petitions:confirm", language) + "no-such-token/")
    walk.check("sign-link-invalid")
    page.goto(url("petitions:deleted", language))
    walk.check("sign-deleted")

    for app in ("newsletter", "coalition"):
        page.goto(url(f"{app}:sent", language))
        walk.check(f"{app}-check-inbox")
        page.goto(url(f"{app}:confirmed", language))
        walk.check(f"{app}-thanks")
        page.goto(token_prefix(f"{app}:confirm", language) + "no-such-token/")
        walk.check(f"{app}-link-invalid")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_text_is_near_the_edge_on_any_page_or_state(
    new_context, live_site, screens, language, size
):
    """At 360x740 and 1366x768, no text and no form control of any page, in any state, is
    closer than 12 px to the window's left or right edge."""
    page = new_context(language, **SIZES[size]).new_page()
    walk = Walk(page, screens, language, size)
    walk_pages(walk, live_site)
    assert len(walk.seen) >= 20, walk.seen
    assert not walk.problems, "\n".join(walk.problems)


def _admin_page(new_context: Callable[..., Any], live_site: Any) -> Any:
    page = new_context("en").new_page()
    page.goto("/admin/")
    page.locator("input[name=username]").fill(live_site.admin_user)
    page.locator("input[name=password]").fill(live_site.admin_password)
    page.locator("[type=submit]").click()
    assert page.locator("input[name=password]").count() == 0, "admin login failed"
    return page


def _set_state(admin: Any, state: str) -> None:
    admin.goto("/admin/campaigns/campaign/")
    admin.locator("#result_list tbody tr th a").first.click()
    admin.locator("select[name=state]").select_option(state)
    admin.locator("input[name=_save]").click()
    admin.wait_for_load_state("load")
    assert admin.locator(".errornote").count() == 0, admin.locator(".errornote").inner_text()


def test_paused_and_too_many_keep_their_distance_too(new_context, live_site, screens):
    """The petition paused by the campaigner (sign page and home page) and the page for too
    many requests (the resend form sent over its limit), in both languages and sizes."""
    admin = _admin_page(new_context, live_site)
    problems: list[str] = []
    _set_state(admin, "paused")
    try:
        for language in ("nl", "en"):
            for size in SIZES:
                page = new_context(language, **SIZES[size]).new_page()
                walk = Walk(page, screens, language, size)
                response = page.goto(url("petitions:sign", language))
                assert response.status == 503
                walk.check("sign-paused")
                page.goto(url("campaigns:home", language))
                assert page.locator("main .sign-box .notice").count() == 1
                walk.check("home-paused")
                problems += walk.problems
    finally:
        _set_state(admin, "open")
    for language in ("nl", "en"):
        for size in SIZES:
            # One visitor (one source address) sends the resend form until refused.
            page = new_context(language, **SIZES[size]).new_page()
            walk = Walk(page, screens, language, size)
            status = 0
            for attempt in range(40):
                page.goto(url("petitions:sent", language))
                with page.expect_navigation() as navigation:
                    page.locator("main form.resend-form [type=submit]").click()
                status = navigation.value.status
                if attempt == 0:
                    walk.check("resend-errors")
                if status == 429:
                    break
            assert status == 429, "the resend form was never refused"
            walk.check("too-many")
            problems += walk.problems
    assert not problems, "\n".join(problems)


FIRST_FIELD_JS = """(selector) => {
    const field = document.querySelector(selector);
    const r = field.getBoundingClientRect();
    return {top: r.top + scrollY, bottom: r.bottom + scrollY, screen: innerHeight};
}"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", ["campaigns:home", "petitions:sign"])
def test_the_first_form_field_is_on_the_first_screen(new_context, language, size, name):
    """The form up front: the sign form's first field is wholly inside the first screen,
    before any scrolling, on the home page and the sign page."""
    page = new_context(language, **SIZES[size]).new_page()
    page.goto(url(name, language))
    box = page.evaluate(FIRST_FIELD_JS, "main form.sign-form .field input")
    assert box["bottom"] <= box["screen"], box


STICKY_JS = """() => {
    const link = document.querySelector('.sticky-sign__link');
    const r = link.getBoundingClientRect();
    if (r.width < 1) return {shown: false, top: null};
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const inView = r.top >= 0 && r.bottom <= innerHeight;
    return {shown: Boolean(inView && top && link.contains(top)), top: Math.round(r.top)};
}"""


@pytest.mark.parametrize("language", ["nl", "en"])
def test_sticky_sign_link_shows_on_phones_once_the_form_is_out_of_view(new_context, language):
    """On a phone, the "Sign" link is hidden while the form is in view, sticks to the top of
    the screen once the form has scrolled away, and leads back to the form. No JavaScript:
    the page is loaded with scripts off."""
    context = new_context(language, java_script_enabled=False, **SIZES["phone"])
    page = context.new_page()
    page.goto(url("campaigns:home", language))
    assert page.evaluate(STICKY_JS)["shown"] is False
    page.locator("main section.reasons").scroll_into_view_if_needed()
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(200)
    state = page.evaluate(STICKY_JS)
    assert state["shown"] and 0 <= state["top"] <= 10, state  # at the top of the screen
    page.locator(".sticky-sign__link").click()
    page.wait_for_timeout(200)
    assert page.url.endswith("#sign")
    box = page.evaluate(FIRST_FIELD_JS, "main form.sign-form .field input")
    scrolled = page.evaluate("() => scrollY")
    assert scrolled < box["top"] and box["bottom"] < scrolled + box["screen"], (box, scrolled)


def test_sticky_sign_link_is_for_phones_only(new_context):
    page = new_context("en", **SIZES["desktop"]).new_page()
    page.goto(url("campaigns:home", "en"))
    page.mouse.wheel(0, 3000)
    assert page.evaluate(STICKY_JS)["shown"] is False
