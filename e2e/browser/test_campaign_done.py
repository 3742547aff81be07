"""The whole round of a campaign, in the browser, with the real worker's mail: people
subscribe in two languages (one by signing with "keep me informed"), the campaign team writes
an update in both, previews it, sends it, and each person's .eml arrives in their language
with the unsubscribe headers; then the team closes the campaign and every page says so."""

import secrets

import pytest

from e2e.browser.helpers import link_for, mail_links, mail_text, new_address, url
from e2e.browser.test_petition import confirm_from_mail, sign

pytestmark = pytest.mark.browser


def admin_page(new_context, live_site):
    page = new_context("en").new_page()
    page.goto("/admin/")
    page.locator("input[name=username]").fill(live_site.admin_user)
    page.locator("input[name=password]").fill(live_site.admin_password)
    page.locator("[type=submit]").click()
    assert page.locator("input[name=password]").count() == 0, "admin login failed"
    return page


def set_state(admin, state: str) -> None:
    admin.goto("/admin/campaigns/campaign/")
    admin.locator("#result_list tbody tr th a").first.click()
    admin.locator("select[name=state]").select_option(state)
    admin.locator("input[name=_save]").click()
    admin.wait_for_load_state("load")
    assert admin.locator(".errornote").count() == 0, admin.locator(".errornote").inner_text()


def subscribe(page, live_site, language: str, address: str) -> None:
    page.goto(url("newsletter:subscribe", language))
    form = page.locator("main form.subscribe-form").first
    form.locator("input[name=email]").fill(address)
    form.locator("[type=submit]").click()
    page.wait_for_url(f"**{url('newsletter:sent', language)}")
    message = live_site.outbox.wait_for(to=address)
    page.goto(link_for(mail_links(message, live_site.base_url), "newsletter:confirm", language))
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"**{url('newsletter:confirmed', language)}")


def write_translation(admin, index: int, language: str, subject: str, body: str) -> None:
    admin.locator(f"select[name=translations-{index}-language]").select_option(language)
    admin.locator(f"input[name=translations-{index}-subject]").fill(subject)
    admin.locator(f"textarea[name=translations-{index}-body]").fill(body)
    admin.locator("input[name=_continue]").click()
    admin.wait_for_load_state("load")
    assert admin.locator(".errornote").count() == 0, admin.locator(".errornote").inner_text()


def test_subscribe_in_two_languages_send_an_update_then_close(new_context, live_site):
    tag = secrets.token_hex(3)
    dutch, english = new_address("done-nl"), new_address("done-en")

    # A Dutch reader subscribes; an English one signs and ticks "keep me informed".
    subscribe(new_context("nl").new_page(), live_site, "nl", dutch)
    signer = new_context("en").new_page()
    sign(signer, "en", english)
    confirm_from_mail(signer, live_site, "en", english)

    # The team writes the update in both languages, previews it and sends it.
    admin = admin_page(new_context, live_site)
    admin.goto("/admin/newsletter/update/add/")
    admin.locator("input[name=name]").fill(f"Vote {tag}")
    write_translation(admin, 0, "en", f"The vote {tag}", "Parliament voted *against* scanning.")
    write_translation(admin, 1, "nl", f"De stemming {tag}", "Het Parlement stemde *tegen*.")
    change_url = admin.url
    for language, words in [("en", "<em>against</em>"), ("nl", "<em>tegen</em>")]:
        admin.locator("#update-previews a", has_text=f"({language})").click()
        assert words in admin.content()
        admin.goto(change_url)
    admin.locator("a", has_text="Test and send").click()
    admin.locator('#content input[type=submit][value="Send the update"]').click()
    admin.wait_for_load_state("load")
    assert admin.locator("ul.messagelist li.success").count() == 1

    for address, language, subject, words in [
        (dutch, "nl", f"De stemming {tag}", "Het Parlement stemde *tegen*."),
        (english, "en", f"The vote {tag}", "Parliament voted *against* scanning."),
    ]:
        message = live_site.outbox.wait_for(to=address, timeout=60)
        assert message["Subject"] == subject
        assert message["Content-Language"] == language
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert live_site.base_url in message["List-Unsubscribe"]
        assert words in mail_text(message)
        html = message.get_body(preferencelist=("html",)).get_content()
        assert "<img" not in html, "no tracking pixel"
        link_for(mail_links(message, live_site.base_url), "newsletter:unsubscribe", language)

    # The team closes the campaign: no page offers the sign form any more, and each says so.
    set_state(admin, "closed")
    try:
        for language, ended in [("en", "Signing has ended"), ("nl", "Tekenen is voorbij")]:
            reader = new_context(language).new_page()
            for name in ["campaigns:home", "petitions:sign", "campaigns:how_affected"]:
                reader.goto(url(name, language))
                assert reader.locator("input[name=first_name]").count() == 0, name
                assert ended in reader.content(), name
            reader.goto(url("news:list", language))
            assert reader.locator("input[name=first_name]").count() == 0
            reader.goto(url("news:feed", language))
            assert ended in reader.content()
            reader.goto(url("petitions:confirmed", language))
            assert ended in reader.content()
    finally:
        set_state(admin, "open")
