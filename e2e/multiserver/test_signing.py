"""Signing through two app servers at once gives the same counts, dedup and confirmations as
one server would (shared state lives in PostgreSQL and Redis, never in a process)."""

from __future__ import annotations

import email
import email.policy
import hashlib
import hmac
import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser

import pytest

from .conftest import Cluster

pytestmark = pytest.mark.multiserver

DISTINCT = 200
TWINS = 6  # addresses signed through both servers at the same moment
HTTP_TIMEOUT = 20


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _request(url: str, *, data: dict[str, str] | None = None, origin: str = "") -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    headers = {"Origin": origin} if origin else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 (loopback)
    try:
        with _opener.open(request, timeout=HTTP_TIMEOUT) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location") or exc.read().decode(errors="replace")


class _PostForm(HTMLParser):
    """The hidden fields (the form token) and the field names of a page's POST form."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.names: set[str] = set()
        self.countries: list[str] = []
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("type") == "hidden":
            self.hidden[a["name"]] = a.get("value", "")
        elif tag in ("input", "select") and a.get("name"):
            self.names.add(a["name"])
        elif tag == "option" and a.get("value"):
            self.countries.append(a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False


def _sign_data(server: str) -> dict[str, str]:
    status, page = _request(f"{server}/nl/sign/")
    assert status == 200, page[:500]
    form = _PostForm()
    form.feed(page)
    assert {"email", "country"} <= form.names, form.names
    data = dict(form.hidden)
    data.update({"first_name": "Multi", "last_name": "Server", "country": "NL"})
    return data


def _sign(server: str, base: dict[str, str], address: str) -> int:
    status, location = _request(
        f"{server}/nl/sign/", data={**base, "email": address}, origin=server
    )
    return status if status != 302 else (302 if "/sign/sent/" in location else -302)


def _dedup_key(cluster: Cluster, address: str) -> str:
    # These test addresses are already in normal form (lower case, no tag, not Gmail).
    return hmac.new(cluster.dedup_key, address.encode(), hashlib.sha256).hexdigest()


def _confirmation_links(cluster: Cluster) -> dict[str, list[str]]:
    links: dict[str, list[str]] = defaultdict(list)
    for path in sorted(cluster.outbox.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        for url in re.findall(r"https?://\S+/sign/confirm/[^/\s]+/", body.get_content()):
            links[str(message["To"])].append(urllib.parse.urlsplit(url).path)
    return links


def _deliver_all_mail(cluster: Cluster, expected: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        cluster.manage("run_worker", "--once")
        if len(list(cluster.outbox.glob("*.eml"))) >= expected:
            (left,) = cluster.sql("SELECT COUNT(*) FROM outbox_outgoingmail")[0]
            if left == 0:
                return
    raise AssertionError("the worker did not send every queued mail within 60 s")


def _count_json(server: str) -> int | None:
    status, body = _request(f"{server}/nl/sign/count.json")
    assert status == 200, body
    return json.loads(body)["count"]


def test_two_servers_sign_dedup_confirm_and_count(cluster: Cluster) -> None:
    """200 addresses signed across two servers, and 6 addresses signed through both servers
    at the same moment: one signature per address, one working confirmation link per
    address (confirmed through alternating servers), and both servers count them all."""
    servers = cluster.servers
    base = _sign_data(servers[0])
    distinct = [f"person{i}@multi.example.org" for i in range(DISTINCT)]
    twins = [f"twin{i}@multi.example.org" for i in range(TWINS)]

    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(
            pool.map(
                lambda pair: _sign(servers[pair[0] % 2], base, pair[1]),
                enumerate(distinct),
                timeout=120,
            )
        )
    assert outcomes == [302] * DISTINCT

    for address in twins:
        barrier = threading.Barrier(2, timeout=HTTP_TIMEOUT)
        results: list[int] = []

        def sign_at_once(
            server: str, address: str = address, barrier=barrier, results=results
        ) -> None:
            barrier.wait()
            results.append(_sign(server, base, address))

        threads = [threading.Thread(target=sign_at_once, args=(s,)) for s in servers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=HTTP_TIMEOUT * 2)
        # Both signers see the same "check your inbox" page, whichever won the race.
        assert results == [302, 302]

    everyone = distinct + twins
    rows = cluster.sql("SELECT email_hmac, confirmed_at FROM petitions_signature")
    assert sorted(key for key, _c in rows) == sorted(_dedup_key(cluster, a) for a in everyone)
    assert all(confirmed is None for _key, confirmed in rows)

    # Each twin address got two mails (the second renews the token); each other one mail.
    _deliver_all_mail(cluster, expected=DISTINCT + 2 * TWINS)
    links = _confirmation_links(cluster)
    assert sorted(links) == sorted(everyone)

    confirmed_through = defaultdict(int)
    for index, address in enumerate(everyone):
        working = []
        for path in links[address]:
            server = servers[(index + len(working)) % 2]
            status, page = _request(f"{server}{path}")
            if status != 200:
                continue  # a token replaced by the twin request: "invalid link" page
            button = _PostForm()
            button.feed(page)
            status, location = _request(f"{server}{path}", data=button.hidden, origin=server)
            assert status == 302 and "/sign/thanks/" in location, (status, location)
            working.append(path)
            confirmed_through[server] += 1
        assert len(working) == 1, (address, links[address])
    assert set(confirmed_through) == set(servers)

    (unconfirmed,) = cluster.sql(
        "SELECT COUNT(*) FROM petitions_signature WHERE confirmed_at IS NULL"
    )[0]
    assert unconfirmed == 0

    # The counting job runs in the worker; then both servers show every confirmed signer.
    cluster.manage("run_worker", "--once")
    (tallied,) = cluster.sql("SELECT COALESCE(SUM(count), 0) FROM petitions_signaturetally")[0]
    assert tallied == len(everyone)
    deadline = time.monotonic() + 15  # count.json may be cached for a few seconds
    counts: list[int | None] = []
    while time.monotonic() < deadline:
        counts = [_count_json(server) for server in servers]
        if counts == [len(everyone)] * 2:
            break
        time.sleep(0.5)
    assert counts == [len(everyone)] * 2
