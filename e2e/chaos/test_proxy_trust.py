"""Proxy trust: an app configured to sit behind a proxy (TRUSTED_PROXY_COUNT=1, the proxy's
network in TRUSTED_PROXIES) but reached directly, past the proxy. A flood of sign POSTs,
each with a different forged X-Forwarded-For, is counted under the real peer address: the
hard limit refuses it, the soft limit marks what got in as suspect, and every stored
signature carries the one source pseudonym of the peer."""

from __future__ import annotations

import re
import secrets
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from core.tests.ports import free_port
from e2e.chaos.mail_support import REPO, MailSite, mail_world, wait_for
from e2e.processes import stop

pytestmark = pytest.mark.chaos

GRANIAN = REPO / ".venv" / "bin" / "granian"
FLOOD = 300
SOFT, HARD = 5, 40
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


@pytest.fixture
def app(request: pytest.FixtureRequest) -> Iterator[tuple[MailSite, str]]:
    with mail_world(request) as site:
        site.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "e2e.chaos.proxy_settings",
                "TRUSTED_PROXY_COUNT": "1",
                "TRUSTED_PROXIES": "10.0.0.0/8",  # the proxy's network; we connect from 127.0.0.1
                "SIGN_SOFT_LIMIT": str(SOFT),
                "SIGN_HARD_LIMIT": str(HARD),
                "SECURE_SSL_REDIRECT": "0",
                "LOG_LEVEL": "WARNING",
            }
        )
        site.manage("createcachetable")
        site.manage("collectstatic", "--noinput", "-v0")
        site.manage("load_campaign")
        port = free_port()
        log = (site.tmp / "app.log").open("ab")
        command = [str(GRANIAN), "--interface", "wsgi", "--host", "127.0.0.1"]
        command += ["--port", str(port), "--workers", "1", "--blocking-threads", "4"]
        command += ["--no-access-log", "config.wsgi:application"]
        process = subprocess.Popen(  # noqa: S603 (our own command line)
            command,
            cwd=REPO,
            env=site.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(
                lambda: _answers(f"{base}/robots.txt") or process.poll() is not None,
                timeout=60,
                what="the app server answering",
            )
            assert process.poll() is None, (site.tmp / "app.log").read_text(errors="replace")
            yield site, base
        finally:
            stop(process, timeout=15)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except OSError:
        return False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post(base: str, token: str, number: int) -> int:
    forged = f"{secrets.randbelow(223) + 1}.{secrets.randbelow(256)}.{secrets.randbelow(256)}.7"
    body = urllib.parse.urlencode(
        {
            "form_token": token,
            "first_name": "Bot",
            "last_name": f"Number {number}",
            "email": f"flood-{number}@example.org",
            "country": "NL",
        }
    ).encode()
    request = urllib.request.Request(  # noqa: S310 (loopback)
        f"{base}/nl/sign/",
        data=body,
        headers={
            "Origin": base,
            "X-Forwarded-For": forged,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_forged_forwarded_for_from_a_direct_peer_is_limited_by_the_peer(app) -> None:
    site, base = app
    with urllib.request.urlopen(f"{base}/nl/sign/", timeout=30) as response:  # noqa: S310
        token = TOKEN.search(response.read().decode()).group(1)  # type: ignore[union-attr]
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = Counter(pool.map(lambda n: post(base, token, n), range(FLOOD)))
    assert statuses == {302: HARD, 429: FLOOD - HARD}, statuses
    stored = site.count("SELECT COUNT(*) FROM petitions_signature")
    suspect = site.count("SELECT COUNT(*) FROM petitions_signature WHERE suspect")
    sources = site.count("SELECT COUNT(DISTINCT source_key) FROM petitions_signature")
    assert (stored, suspect, sources) == (HARD, HARD - SOFT, 1)
    log = (site.tmp / "app.log").read_text(errors="replace")
    assert "X-Forwarded-For ignored" in log
    assert "127.0.0.1" not in log.split("X-Forwarded-For ignored")[1].splitlines()[0]
