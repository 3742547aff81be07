"""Accessibility in a real browser: axe-core finds no WCAG 2.1 A/AA violation on any public
page in either language, the sign form works with the keyboard alone with visible focus, a
skip link comes first, form errors are tied to their fields, and images speak the page's
language. (Pages reached through a mail, such as confirm and thank-you, are checked with
axe-core inside the journeys in test_petition.py, test_newsletter.py and test_coalition.py.)"""

import pytest

from e2e.browser.helpers import (
    assert_no_axe_violations,
    axe_violations,
    describe_violations,
    focused,
    link_for,
    mail_links,
    new_address,
    public_paths,
    url,
)

pytestmark = pytest.mark.browser

SKIP_LINK = {"nl": "Naar de inhoud", "en": "Skip to content"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_public_page_passes_axe(new_context, axe_source, language):
    """axe-core reports no WCAG 2.1 A/AA violation on the home, how-CSAR, legal, news list
    and detail, testimonial, sign, newsletter and coalition pages, and the 404 page."""
    page = new_context(language).new_page()
    report = []
    for path in public_paths(page, language):
        page.goto(path)
        violations = axe_violations(page, axe_source)
        if violations:
            report.append(describe_violations(violations, path))
    assert not report, "\n".join(report)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_sign_form_with_errors_passes_axe_and_ties_errors_to_fields(
    new_context, axe_source, language
):
    """Sending the sign form empty shows errors that axe accepts; every invalid field is
    marked aria-invalid and points with aria-describedby at its own error text, or the
    errors sit in a live region a screen reader announces."""
    page = new_context(language).new_page()
    page.goto(url("petitions:sign", language))
    form = page.locator("main form").filter(has=page.locator("input[type=email]")).first
    # The proof-of-work script sends the form itself once its work is done: wait for that.
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()
    invalid = page.locator("main [aria-invalid=true]")
    assert invalid.count() >= 3, "first name, last name and email should be marked invalid"
    for index in range(invalid.count()):
        field = invalid.nth(index)
        described_by = (field.get_attribute("aria-describedby") or "").split()
        texts = [
            page.locator(f"[id='{ident}']").inner_text().strip()
            for ident in described_by
            if page.locator(f"[id='{ident}']").count()
        ]
        in_live_region = field.evaluate(
            "el => Boolean(el.closest('form').querySelector('[role=alert], [aria-live]'))"
        )
        assert any(texts) or in_live_region, (
            f"field {field.get_attribute('name')} has no error text tied to it"
        )
    assert_no_axe_violations(page, axe_source, f"{page.url} (form with errors)")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_skip_link_is_the_first_focusable_element(new_context, language):
    """The first Tab lands on a visible "skip to content" link, whose Enter moves focus
    past the header to the main content."""
    page = new_context(language).new_page()
    page.goto(url("campaigns:home", language))
    page.keyboard.press("Tab")
    first = focused(page)
    assert first is not None and first["tag"] == "a", first
    assert first["text"] == SKIP_LINK[language]
    assert first["visible"], "the skip link shows no focus indicator"
    assert page.evaluate("() => document.activeElement.getBoundingClientRect().height") > 0
    page.keyboard.press("Enter")
    # The jump to the anchor is applied asynchronously: wait for it (fails after 5 s).
    page.wait_for_function("() => location.hash === '#main'", timeout=5000)
    page.keyboard.press("Tab")
    after = page.evaluate("() => Boolean(document.activeElement.closest('main'))")
    assert after, "Tab after the skip link should move into <main>"


def _tab_to(page, selector: str, limit: int = 80) -> list[dict]:
    """Press Tab until the element matching `selector` has focus; return every element
    that had focus on the way (to check each showed a focus indicator)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        if state is not None:
            seen.append(state)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return seen
    raise AssertionError(f"{selector} never received focus; focus went through {seen}")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_sign_form_can_be_completed_with_the_keyboard_alone(new_context, live_site, language):
    """Tab, typing, Space and Enter alone fill in and send the sign form; every element
    that receives focus on the way shows a focus indicator; the check-inbox page follows."""
    page = new_context(language).new_page()
    page.goto(url("petitions:sign", language))
    address = new_address(f"keyboard-{language}")
    seen = _tab_to(page, "main input[name=first_name]")
    page.keyboard.type("Kees")
    seen += _tab_to(page, "main input[name=last_name]", limit=3)
    page.keyboard.type("Bord")
    seen += _tab_to(page, "main input[name=email]", limit=3)
    page.keyboard.type(address)
    seen += _tab_to(page, "main select[name=country]", limit=3)
    page.keyboard.type("Belg")  # type-ahead selects België / Belgium
    assert page.locator("main select[name=country]").input_value() == "BE"
    if page.locator("main input[name=consent]").count():
        seen += _tab_to(page, "main input[name=consent]", limit=3)
        page.keyboard.press("Space")
        assert page.locator("main input[name=consent]").is_checked()
    seen += _tab_to(page, "main form [type=submit]", limit=5)
    missing_focus = [state for state in seen if not state["visible"]]
    assert not missing_focus, f"elements without a visible focus indicator: {missing_focus}"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_site.base_url + url("petitions:sent", language)

    # Confirming works with the keyboard too: Tab to the button, press Space.
    message = live_site.outbox.wait_for(to=address)
    page.goto(link_for(mail_links(message, live_site.base_url), "petitions:confirm", language))
    seen = _tab_to(page, "main form [type=submit]")
    assert all(state["visible"] for state in seen), seen
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert page.url == live_site.base_url + url("petitions:confirmed", language)


def test_images_have_alt_text_in_the_page_language(new_context):
    """Every image on the home page has an alt attribute, and each testimonial photo's (or
    initial tile's) description differs between Dutch and English (it is translated),
    unless the text is marked as a fallback in another language with `lang`."""
    alts = {}
    for language in ("nl", "en"):
        page = new_context(language).new_page()
        page.goto(url("campaigns:home", language))
        missing = page.eval_on_selector_all(
            "img:not([alt])", "els => els.map(e => e.getAttribute('src'))"
        )
        assert not missing, f"images without alt on /{language}/: {missing}"
        # A photo (img with alt) or, without one, the initial tile (role=img, aria-label).
        alts[language] = page.eval_on_selector_all(
            "main .testimonials img[alt]:not([alt='']), main .testimonials [role=img][aria-label]",
            """els => els.map(e => [e.closest('article, li, figure, div').innerText.slice(0, 80),
                                  e.getAttribute('alt') || e.getAttribute('aria-label'),
                                  Boolean(e.closest('[lang]:not(html)'))])""",
        )
        assert alts[language], f"the testimonials on /{language}/ show no described photo"
    assert len(alts["nl"]) == len(alts["en"])
    for (_nl_card, nl_alt, nl_fallback), (_en_card, en_alt, en_fallback) in zip(
        alts["nl"], alts["en"], strict=True
    ):
        if not (nl_fallback or en_fallback):
            assert nl_alt != en_alt, f"photo described as {nl_alt!r} in both languages"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_focus_is_visible_on_every_focusable_element_of_the_home_page(new_context, language):
    """Tabbing through the whole home page, every element that receives focus shows an
    outline or a box shadow."""
    page = new_context(language).new_page()
    page.goto(url("campaigns:home", language))
    total = page.evaluate(
        """() => document.querySelectorAll(
            'a[href], button:not([hidden]), input:not([type=hidden]), select, textarea'
        ).length"""
    )
    without = []
    seen = 0
    for _ in range(total + 5):
        page.keyboard.press("Tab")
        state = focused(page)
        if state is None:  # past the last element, back to the document
            break
        seen += 1
        if not state["visible"]:
            without.append(state)
    assert seen > 20, f"only {seen} elements took focus"
    assert not without, f"focused without a visible indicator: {without}"
