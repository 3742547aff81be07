"""The sign widget framed by a partner's page on another origin, as a partner's visitor meets
it: the page on a second local port frames /nl/embed/sign/?src=<code>, the visitor signs in
the frame (the cookie-less form guard lets the framed form's POST through), confirms from the
mail and the signature counts for the partner. A page on an origin the campaign did not list
gets an empty frame."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.tests.ports import free_port
from e2e.browser.conftest import _stop, _wait_for_port
from e2e.browser.helpers import assert_no_axe_violations, link_for, mail_links, new_address, url
from e2e.processes import manage

pytestmark = pytest.mark.browser

CODE = "e2e-partner"


def site_env(live_site) -> dict[str, str]:
    """The environment of the suite's server (conftest.live_site), for manage.py commands
    that read or change its database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "e2e.browser.server_settings",
        "DATABASE_URL": f"sqlite:///{live_site.var_dir / 'db.sqlite3'}",
        "VAR_DIR": str(live_site.var_dir),
        "DEBUG": "0",
        "SITE_URL": live_site.base_url,
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    for name in ("REDIS_URL", "EMAIL_HOST", "DJANGO_PRODUCTION", "CAMPAIGN_PUBLIC_KEY"):
        env.pop(name, None)
    return env


def site_python(live_site, code: str) -> str:
    output = manage(site_env(live_site), "shell", "-c", code, timeout=120)
    lines = output.strip().splitlines()
    return lines[-1] if lines else ""


def partner_page(folder: Path, frame_src: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(
        "<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>Partner</title>"
        "</head><body><h1>Een partnerorganisatie</h1>"
        f"<iframe src='{frame_src}' title='Teken de petitie' width='100%' height='960' "
        "style='border:0;max-width:40rem'></iframe></body></html>"
    )


@pytest.fixture(scope="module")
def partner_origins(live_site, tmp_path_factory) -> Iterator[tuple[str, str]]:
    """Two pages framing the widget, each served by a tiny http.server on its own port: the
    first origin is in the campaign's list of embedding sites, the second is not."""
    listed_port, unlisted_port = free_port(), free_port()
    listed = f"http://127.0.0.1:{listed_port}"
    site_python(
        live_site,
        "from coalition.models import Organisation; from coalition import services; "
        "from campaigns.models import Campaign; "
        "o = Organisation.objects.create(name='E2E Partner', website='https://partner.example/',"
        f" status='approved', source_code='{CODE}'); "
        "c = Campaign.objects.order_by('pk').first(); "
        f"c.embed_origins = '{listed}'; c.save()",
    )
    frame_src = f"{live_site.base_url}{url('partners:embed', 'nl')}?src={CODE}"
    processes = []
    try:
        for port in (listed_port, unlisted_port):
            folder = tmp_path_factory.mktemp(f"partner-{port}")
            partner_page(folder, frame_src)
            log = folder.parent / f"http-{port}.log"
            with log.open("wb") as out:
                process = subprocess.Popen(  # noqa: S603 (the standard library's server)
                    [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                    cwd=folder,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            processes.append(process)
            _wait_for_port(port, process, log)
        yield listed, f"http://127.0.0.1:{unlisted_port}"
    finally:
        for process in processes:
            _stop(process)


def test_framed_widget_signs_and_confirms_with_the_source(new_context, live_site, partner_origins):
    listed, _unlisted = partner_origins
    context = new_context("nl")
    page = context.new_page()
    response = page.goto(f"{listed}/")
    assert response is not None and response.ok
    frame = page.frame_locator("iframe")
    form = frame.locator("form.sign-form")
    form.wait_for()
    assert form.locator("input[name=src]").get_attribute("value") == CODE

    address = new_address("framed")
    form.locator("input[name=first_name]").fill("Anna")
    form.locator("input[name=last_name]").fill("de Vries")
    form.locator("input[name=email]").fill(address)
    form.locator("select[name=country]").select_option("NL")
    form.locator("[type=submit]").click()

    # The POST passed the form guard inside the cross-site frame: the compact "check your
    # inbox" page is in the frame, and the partner's page around it is unchanged.
    frame.locator("h1").filter(has_text="Kijk in je inbox").wait_for()
    inner = next(f for f in page.frames if f != page.main_frame)
    assert inner.url.startswith(live_site.base_url + url("partners:embed_sent", "nl"))
    assert page.url == f"{listed}/"
    assert context.cookies() == []

    message = live_site.outbox.wait_for(to=address)
    confirm = link_for(mail_links(message, live_site.base_url), "petitions:confirm", "nl")
    page.goto(confirm)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"**{url('petitions:confirmed', 'nl')}?src={CODE}")
    share = page.locator("section.share a.share__link--whatsapp").get_attribute("href")
    assert f"src%3D{CODE}" in share

    recorded = site_python(
        live_site,
        "from petitions.models import Signature; "
        "s = Signature.objects.order_by('-pk').first(); "
        "print(s.source, s.confirmed_at is not None)",
    )
    assert recorded == f"{CODE} True"


def test_an_unlisted_origin_cannot_frame_the_widget(new_context, live_site, partner_origins):
    listed, unlisted = partner_origins
    context = new_context("nl")
    checked = context.request.get(f"{live_site.base_url}{url('partners:embed', 'nl')}?src={CODE}")
    policy = checked.headers["content-security-policy"]
    ancestors = policy.split("frame-ancestors", 1)[1].split(";", 1)[0].split()
    assert listed in ancestors and "https://partner.example" in ancestors
    assert unlisted not in ancestors

    page = context.new_page()
    page.goto(f"{unlisted}/")
    page.wait_for_timeout(500)
    inner = next(f for f in page.frames if f != page.main_frame)
    # Chromium blocks the frame: its document is an error page, never the form.
    assert not inner.url.startswith(live_site.base_url)
    assert inner.locator("form.sign-form").count() == 0


@pytest.mark.parametrize("language", ["nl", "en"])
def test_widget_passes_axe_empty_and_with_errors(
    new_context, live_site, axe_source, partner_origins, language
):
    page = new_context(language).new_page()
    page.goto(f"{url('partners:embed', language)}?src={CODE}")
    assert_no_axe_violations(page, axe_source, f"the sign widget ({language})")
    page.locator("form.sign-form [type=submit]").click()
    page.locator(".error-summary").wait_for()
    assert_no_axe_violations(page, axe_source, f"the sign widget with errors ({language})")
