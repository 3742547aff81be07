"""An organisation joins the coalition: it applies with its logo, confirms from the mail, a
campaigner approves it in the admin, and its logo appears under "Our coalition" with N one
higher."""

import io
import re

import pytest
from PIL import Image

from e2e.browser.helpers import (
    assert_no_axe_violations,
    link_for,
    mail_links,
    new_address,
    poll,
    url,
)

pytestmark = pytest.mark.browser


def small_png() -> bytes:
    image = Image.new("RGB", (120, 60), (58, 30, 140))
    for x in range(30, 90):
        for y in range(20, 40):
            image.putpixel((x, y), (255, 210, 63))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def coalition_count(page, language: str) -> int:
    """N as the home page's "Our coalition" section states it."""
    page.goto(url("campaigns:home", language))
    page.reload()  # past the browser's cache (public pages may be kept for a minute)
    text = page.locator("main section.coalition-section p").first.inner_text()
    return int(re.search(r"\d[\d.,\u00a0 ]*", text).group().replace(".", "").replace(",", ""))


def approve_in_admin(context, live_site, name: str) -> None:
    """Log into /admin/ in the browser and approve the organisation with the list action."""
    page = context.new_page()
    page.goto("/admin/")
    page.locator("input[name=username]").fill(live_site.admin_user)
    page.locator("input[name=password]").fill(live_site.admin_password)
    page.locator("form [type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("input[name=password]").count() == 0, "admin login failed"
    page.goto("/admin/coalition/organisation/")
    row = page.locator("#result_list tbody tr").filter(has_text=name)
    assert row.count() == 1, f"{name} not listed in the admin"
    row.locator("input[name=_selected_action]").check()
    page.locator("select[name=action]").select_option("approve")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()
    assert page.locator("ul.messagelist li.success").count() == 1
    page.close()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_apply_confirm_approve_and_appear_in_the_coalition(
    new_context, live_site, axe_source, language
):
    """Apply with a PNG logo, confirm with the button behind the mail's link; once a
    campaigner approves the application in the admin, the organisation's logo (named by
    its alt text) is under "Our coalition", really loads, and N is one higher. Pages pass
    axe-core."""
    context = new_context(language)
    page = context.new_page()
    before = coalition_count(page, language)
    name = f"Digitale Vrijheid {language.upper()} {new_address('org')[4:12]}"
    contact = new_address(f"org-{language}")

    page.goto(url("coalition:apply", language))
    assert_no_axe_violations(page, axe_source, "coalition form")
    form = page.locator("main form").filter(has=page.locator("input[name=logo]")).first
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=website]").fill("https://digitale-vrijheid.example")
    form.locator("select[name=country]").select_option("NL")
    form.locator("input[name=contact_email]").fill(contact)
    if form.locator("input[name=contact_name]").count():
        form.locator("input[name=contact_name]").fill("Sanne Bakker")
    form.locator("input[name=logo]").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": small_png()}
    )
    form.locator("[type=submit]").click()
    page.wait_for_url(f"**{url('coalition:sent', language)}")
    assert_no_axe_violations(page, axe_source, "coalition check-inbox page")

    message = live_site.outbox.wait_for(to=contact)
    confirm = link_for(mail_links(message, live_site.base_url), "coalition:confirm", language)
    page.goto(confirm)
    assert_no_axe_violations(page, axe_source, "coalition confirm page")
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"**{url('coalition:confirmed', language)}")
    assert_no_axe_violations(page, axe_source, "coalition thank-you page")
    # Not listed before a campaigner approves it.
    assert coalition_count(page, language) == before
    assert page.locator("main section.coalition-section").get_by_alt_text(name).count() == 0

    approve_in_admin(context, live_site, name)

    def listed() -> bool:
        return coalition_count(page, language) == before + 1

    assert poll(listed, timeout=20.0, interval=1.0), f"N is not {before + 1} on the home page"
    logo = page.locator("main section.coalition-section").get_by_alt_text(name)
    assert logo.count() == 1

    # The logo, re-encoded and stored by the site, really loads (DEBUG is off, as in
    # production).
    src = str(logo.get_attribute("src"))
    logo.scroll_into_view_if_needed()  # it is loaded lazily
    response = page.request.get(src)
    assert response.ok, f"the logo {src} answers {response.status}"
    page.wait_for_function("img => img.complete", arg=logo.element_handle())
    assert logo.evaluate("img => img.naturalWidth > 0"), f"the logo {src} does not display"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_coalition_form_errors_are_tied_to_fields_and_pass_axe(new_context, axe_source, language):
    """Sending the coalition form empty marks each required field invalid, links it to its
    error text, and the page with errors passes axe-core."""
    page = new_context(language).new_page()
    page.goto(url("coalition:apply", language))

    def descriptions(field) -> set[str]:
        ids = (field.get_attribute("aria-describedby") or "").split()
        return {page.locator(f"[id='{ident}']").inner_text().strip() for ident in ids} - {""}

    fields = page.locator("main form input[name], main form select[name]")
    before = {
        fields.nth(i).get_attribute("name"): descriptions(fields.nth(i))
        for i in range(fields.count())
    }
    form = page.locator("main form").filter(has=page.locator("input[name=logo]")).first
    form.locator("[type=submit]").click()
    page.wait_for_load_state()
    invalid = page.locator("main [aria-invalid=true]")
    assert invalid.count() >= 4, "name, website, country, email and logo are required"
    for index in range(invalid.count()):
        field = invalid.nth(index)
        name = field.get_attribute("name")
        # The field now points at a text it did not point at before: its error message.
        assert descriptions(field) - before.get(name, set()), f"{name}: no error tied to it"
    assert_no_axe_violations(page, axe_source, "coalition form with errors")
