"""The site in every EU language, in a real browser: signing and confirming in German, Polish
and Greek; the home page accessible (axe-core) and not scrolling sideways on a 360 px phone
in every language; the language menu working without JavaScript."""

import pytest
from django.conf import settings

from e2e.browser.helpers import (
    assert_no_axe_violations,
    horizontal_overflow,
    new_address,
    url,
)
from e2e.browser.test_petition import confirm_from_mail, sign

pytestmark = pytest.mark.browser

ALL = [code for code, _name in settings.LANGUAGES]
PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("language", ["de", "pl", "el"])
def test_sign_and_confirm(new_context, live_site, language):
    """The whole journey in the reader's language: the form, the mail (Content-Language),
    the confirmation page and the thank-you page all carry that language."""
    page = new_context(language).new_page()
    address = new_address(f"lang-{language}")
    sign(page, language, address, country="DE")
    assert page.locator("html").get_attribute("lang") == language
    confirm_from_mail(page, live_site, language, address)
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", ALL)
def test_home_page_is_accessible_and_fits_a_phone(new_context, axe_source, language):
    context = new_context(language, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(url("campaigns:home", language))
    assert page.locator("html").get_attribute("lang") == language
    scroll_width, width = horizontal_overflow(page)
    assert scroll_width <= width, f"{language}: {scroll_width}px wide on a {width}px phone"
    assert_no_axe_violations(page, axe_source, f"home page ({language})")
    page.locator(".lang-menu summary").click()
    scroll_width, width = horizontal_overflow(page)
    assert scroll_width <= width, f"{language}: the open language menu is {scroll_width}px wide"
    assert_no_axe_violations(
        page, axe_source, f"home page with the language menu open ({language})"
    )


def test_the_language_menu_works_without_javascript(new_context):
    page = new_context("de", java_script_enabled=False, viewport=PHONE).new_page()
    page.goto(url("campaigns:home", "de"))
    page.locator(".lang-menu summary").click()
    with page.expect_navigation():
        page.locator('.lang-switch a[hreflang="fi"]').click()
    assert page.url.endswith("/fi/")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.locator('.lang-switch a[hreflang="el"]').text_content() == "Ελληνικά"
