"""Subscribing to and leaving the newsletter, in the browser, with the real worker's mail."""

import pytest

from e2e.browser.helpers import assert_no_axe_violations, link_for, mail_links, new_address, url

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["nl", "en"])
def test_subscribe_confirm_and_unsubscribe(new_context, live_site, axe_source, language):
    """Subscribe on the newsletter page; the mail's link opens a page whose button confirms;
    the mail offers one-click unsubscribe (RFC 8058 headers) and its link, with one more
    button, removes the subscription, after which the link no longer works. Every page on
    the way passes axe-core."""
    page = new_context(language).new_page()
    address = new_address(f"news-{language}")
    page.goto(url("newsletter:subscribe", language))
    assert_no_axe_violations(page, axe_source, "newsletter form")

    form = page.locator("main form.subscribe-form").first
    form.locator("input[name=email]").fill(address)
    form.locator("[type=submit]").click()
    page.wait_for_url(f"**{url('newsletter:sent', language)}")
    assert_no_axe_violations(page, axe_source, "newsletter check-inbox page")

    message = live_site.outbox.wait_for(to=address)
    assert message["Content-Language"] == language
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert live_site.base_url in message["List-Unsubscribe"]
    links = mail_links(message, live_site.base_url)
    confirm = link_for(links, "newsletter:confirm", language)
    unsubscribe = link_for(links, "newsletter:unsubscribe", language)

    # Opening the link (as a mail scanner would) changes nothing; the button confirms.
    page.goto(confirm)
    page.goto(confirm)
    assert_no_axe_violations(page, axe_source, "newsletter confirm page")
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"**{url('newsletter:confirmed', language)}")
    assert_no_axe_violations(page, axe_source, "newsletter thank-you page")
    # A used confirmation link is dead.
    assert page.goto(confirm).status == 404

    response = page.goto(unsubscribe)
    assert response.status == 200
    assert_no_axe_violations(page, axe_source, "unsubscribe page")
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page, axe_source, "unsubscribed page")
    assert page.goto(unsubscribe).status == 404
    assert page.context.cookies() == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_subscribe_form_errors_are_tied_to_the_field(new_context, axe_source, language):
    """An invalid address is refused with a message linked to the field, and no mail."""
    page = new_context(language).new_page()
    page.goto(url("newsletter:subscribe", language))
    form = page.locator("main form.subscribe-form").first
    form.locator("input[name=email]").fill("not-an-address")
    form.locator("[type=submit]").click()
    page.wait_for_load_state()
    field = page.locator("main form.subscribe-form input[name=email]").first
    assert field.get_attribute("aria-invalid") == "true"
    error_id = field.get_attribute("aria-describedby")
    assert error_id and page.locator(f"[id='{error_id}']").inner_text().strip()
    assert_no_axe_violations(page, axe_source, "newsletter form with errors")
