"""Signing the petition as a person does it: fill in the form, open the mail the worker sent,
follow its link, press the button, and watch the counter go up by exactly one. Also signing
twice, deleting a signature from the mail, and all of it with JavaScript switched off."""

import re

import pytest

from e2e.browser.helpers import (
    assert_no_axe_violations,
    link_for,
    mail_links,
    mail_text,
    new_address,
    poll,
    token_prefix,
    url,
)

pytestmark = pytest.mark.browser

# The tally job runs every 5 s and pages may be cached for a few seconds more.
COUNTER_TIMEOUT = 45.0


def read_counter(context, language: str) -> int:
    """The signature count the sign page shows to a new reader right now."""
    page = context.new_page()
    try:
        page.goto(url("petitions:sign", language))
        text = page.locator("main .counter strong").first.inner_text()
    finally:
        page.close()
    return int(re.sub(r"\D", "", text))


def wait_for_counter(context, language: str, expected: int) -> int:
    """Reload until the counter shows `expected` (or the time is up); return the last value."""
    seen: list[int] = []

    def check() -> bool:
        seen.append(read_counter(context, language))
        return seen[-1] == expected

    poll(check, timeout=COUNTER_TIMEOUT, interval=1.0)
    return seen[-1]


def sign(page, language: str, address: str, *, country: str = "NL") -> None:
    """Fill in and send the sign form on the petition page; land on "check your inbox"."""
    page.goto(url("petitions:sign", language))
    form = page.locator("main form.sign-form").first
    form.locator("input[name=first_name]").fill("Anna")
    form.locator("input[name=last_name]").fill("de Vries")
    form.locator("input[name=email]").fill(address)
    form.locator("select[name=country]").select_option(country)
    consent = form.locator("input[name=consent]")
    if consent.count():
        consent.check()
    form.locator("[type=submit]").click()
    page.wait_for_url(f"**{url('petitions:sent', language)}")


def confirm_from_mail(page, live_site, language: str, address: str, axe_source=None) -> str:
    """Open the confirmation mail, follow its link, press the button; return the mail's
    deletion link. Opening the link twice first shows it is not used up by a GET."""
    message = live_site.outbox.wait_for(to=address)
    assert message["Content-Language"] == language
    links = mail_links(message, live_site.base_url)
    confirm = link_for(links, "petitions:confirm", language)
    delete = link_for(links, "petitions:delete", language)
    page.goto(confirm)
    page.goto(confirm)  # a mail scanner's GET confirms nothing and uses up nothing
    if axe_source:
        assert_no_axe_violations(page, axe_source, "signature confirm page")
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"**{url('petitions:confirmed', language)}")
    if axe_source:
        assert_no_axe_violations(page, axe_source, "thank-you page")
    # The link is single-use: opened again, it no longer offers a button.
    response = page.goto(confirm)
    assert response.status in (404, 410)
    assert page.locator("main form [type=submit]").count() == 0
    if axe_source:
        assert_no_axe_violations(page, axe_source, "used confirmation link page")
    return delete


def signed_and_counted(new_context, live_site, language: str, label: str):
    """A new visitor signs and confirms from the mail, and the counter shows one more:
    (context, page, address, the mail's deletion link, the count)."""
    context = new_context(language)
    page = context.new_page()
    address = new_address(f"{label}-{language}")
    before = read_counter(context, language)
    sign(page, language, address)
    delete_link = confirm_from_mail(page, live_site, language, address)
    counted = wait_for_counter(context, language, before + 1)
    assert counted == before + 1
    return context, page, address, delete_link, counted


def delete_from_mail(page, delete_link: str, language: str) -> None:
    """Open the deletion link of a petition mail and press its button."""
    page.goto(delete_link)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"**{url('petitions:deleted', language)}")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_sign_confirm_and_the_counter_goes_up_by_one(new_context, live_site, axe_source, language):
    """Signing sends a confirmation mail in the page's language; only the button on the
    linked page confirms; then the public counter shows exactly one more signature. Every
    page on the way passes axe-core, and no cookie is set."""
    context = new_context(language)
    before = read_counter(context, language)
    page = context.new_page()
    address = new_address(f"sign-{language}")
    sign(page, language, address)
    assert_no_axe_violations(page, axe_source, "check-inbox page")
    delete_link = confirm_from_mail(page, live_site, language, address, axe_source)
    assert wait_for_counter(context, language, before + 1) == before + 1
    assert context.cookies() == []

    # Clean up through the mail's own link, so the next journey starts from a settled count.
    delete_from_mail(page, delete_link, language)
    assert wait_for_counter(context, language, before) == before


@pytest.mark.parametrize("language", ["nl", "en"])
def test_signing_again_sends_the_already_signed_mail(new_context, live_site, language):
    """A confirmed signer who signs again sees the same "check your inbox" page (the site
    does not reveal who has signed) and gets an "already signed" mail with a deletion link,
    not a new confirmation; the counter does not move. The same address typed differently
    (in capitals) gets the same page and no mail: its owner may be someone else."""
    context, page, address, delete_link, counted = signed_and_counted(
        new_context, live_site, language, "twice"
    )

    sign(page, language, address.upper())
    sign(page, language, address)
    again = live_site.outbox.wait_for(to=address)
    assert str(again["To"]) == address
    assert live_site.outbox.count_to(address) == 2, "a mail went to the variant"
    links = mail_links(again, live_site.base_url)
    assert link_for(links, "petitions:delete", language) == delete_link
    prefix = token_prefix("petitions:confirm", language)
    assert not [link for link in links if prefix in link], "no new confirmation link"
    assert "Content-Language" in again and again["Content-Language"] == language
    assert mail_text(again).strip()
    assert read_counter(context, language) == counted

    delete_from_mail(page, delete_link, language)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_delete_signature_from_the_mail_link(new_context, live_site, axe_source, language):
    """The deletion link in the confirmation mail opens a page whose button deletes the
    signature: the counter goes back down by one and the link stops working."""
    context, page, _address, delete_link, counted = signed_and_counted(
        new_context, live_site, language, "delete"
    )

    page.goto(delete_link)
    page.goto(delete_link)  # opening it deletes nothing
    assert_no_axe_violations(page, axe_source, "delete page")
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"**{url('petitions:deleted', language)}")
    assert_no_axe_violations(page, axe_source, "deleted page")
    assert wait_for_counter(context, language, counted - 1) == counted - 1
    response = page.goto(delete_link)
    assert response.status == 404
    assert page.locator("main form [type=submit]").count() == 0


@pytest.mark.parametrize("language", ["nl", "en"])
def test_sign_and_confirm_with_javascript_off(new_context, live_site, language):
    """With JavaScript disabled (Tor Browser's safest mode), signing from the home page,
    confirming from the mail and seeing the counter go up all work the same."""
    context = new_context(language, java_script_enabled=False)
    before = read_counter(context, language)
    page = context.new_page()
    page.goto(url("campaigns:home", language))
    form = page.locator("main form.sign-form").first
    address = new_address(f"nojs-{language}")
    form.locator("input[name=first_name]").fill("Jan")
    form.locator("input[name=last_name]").fill("Smit")
    form.locator("input[name=email]").fill(address)
    form.locator("select[name=country]").select_option("BE")
    form.locator("[type=submit]").click()
    page.wait_for_url(f"**{url('petitions:sent', language)}")
    delete_link = confirm_from_mail(page, live_site, language, address)
    assert wait_for_counter(context, language, before + 1) == before + 1
    assert context.cookies() == []

    delete_from_mail(page, delete_link, language)
    assert wait_for_counter(context, language, before) == before
