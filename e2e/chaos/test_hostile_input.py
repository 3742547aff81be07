"""At least 20,000 generated hostile requests across every public URL and form, against the app
under granian with production settings: overlong values and paths, unicode edge cases, NUL,
malformed multipart, wrong content types, forged and missing tokens, duplicate fields,
addresses Django accepts but the normaliser rejects, odd methods and hosts. Not one answer
may be a 5xx: bad input gets a 4xx, and the site keeps serving.

The requests are generated from a fixed seed (the same every run) and sent by 8 threads on
kept-alive connections; the run takes about a minute on two cores.
"""

from __future__ import annotations

import http.client
import os
import random
import threading
import time
import urllib.parse
from collections import Counter

import pytest

from .site_support import AppSite, app_site, postgres_url

pytestmark = pytest.mark.chaos

REQUESTS = int(os.environ.get("HOSTILE_REQUESTS", "20000"))
SEED = 20261130

PAGES = [
    "/", "/robots.txt", "/sitemap.xml", "/healthz", "/nl/", "/en/", "/nl/index.html",
    "/nl/how-CSAR-affects-us.html", "/en/legal.html", "/nl/news/", "/nl/news/feed/",
    "/en/news/misleading-statistics/", "/nl/testimonials/aura/", "/nl/sign/", "/nl/sign/sent/",
    "/nl/sign/thanks/", "/nl/sign/deleted/", "/nl/sign/count.json", "/en/newsletter/",
    "/nl/newsletter/check-your-inbox/", "/nl/newsletter/thank-you/", "/nl/coalition/join/",
    "/nl/coalition/join/check-your-inbox/", "/nl/coalition/join/thank-you/",
    "/nl/share/mastodon/", "/media/logos/x.png", "/static/css/site.css", "/admin/login/",
]  # fmt: skip
TOKEN_PATHS = [
    "/nl/sign/confirm/{}/", "/nl/sign/delete/{}/", "/en/newsletter/confirm/{}/",
    "/nl/newsletter/unsubscribe/{}/", "/nl/coalition/join/confirm/{}/",
]  # fmt: skip
FORMS = {
    "/nl/sign/": ["first_name", "last_name", "email", "country", "consent"],
    "/nl/sign/resend/": ["email"],
    "/en/newsletter/": ["email", "first_name"],
    "/nl/coalition/join/": [
        "name", "website", "country", "contact_name", "contact_email", "statement",
    ],
    "/admin/login/": ["username", "password"],
}  # fmt: skip

NASTY = [
    "", " ", "\x00", "a\x00b", "\u202eevil", "e\u0301", "\ufeff", "\U0001f600" * 50,
    "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"), "%00", "%zz", "%C0%AF",
    "../" * 50, "<script>alert(1)</script>", "' OR 1=1 --", "=HYPERLINK(\"http://x\")",
    "A" * 100_000, "é" * 20_000, "\r\nSet-Cookie: x=y", "null", "[]", "{}", "0" * 500,
    "user@example.o\u0301rg", "user@example.org\u3002", "+x@example.org", "@", "a@b",
    "x" * 300 + "@example.org", "a@" + "b" * 300 + ".org", "a@[127.0.0.1]", "a@localhost",
    "\u0000@example.org", "user@exa mple.org", "ß@straße.de",
    "\uff21\uff22@\uff45\uff58.\uff4f\uff52\uff47",
    "NL", "XX", "nl", "on", "true", "1", "-1", "99999999999999999999",
]  # fmt: skip


def _value(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return rng.choice(["Anna", "anna@example.org", "NL", "on", "Stop scanning"])
    return rng.choice(NASTY)


def _token(rng: random.Random, good: str) -> str:
    return rng.choice(
        [good, good, "", good[:-3] + "abc", good + "x", "a" * 300, "form:1:abc",
         good.replace(":", "%3A"), "\x00", rng.choice(NASTY)[:500]]
    )  # fmt: skip


def _form_body(rng: random.Random, fields: list[str], token: str) -> list[tuple[str, str]]:
    pairs = [("form_token", _token(rng, token))]
    for name in fields:
        for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):  # missing, once, duplicated
            pairs.append((name, _value(rng)))
    if rng.random() < 0.1:
        pairs.append(("nickname", "bot"))  # the honeypot
    if rng.random() < 0.1:
        pairs.extend((f"extra{i}", "x") for i in range(rng.choice([10, 1000])))
    return pairs


def _multipart(rng: random.Random, pairs: list[tuple[str, str]]) -> tuple[bytes, str]:
    boundary = rng.choice(["b0undary", "x" * 200, "", "--", "a b"])
    parts = []
    for name, value in pairs:
        disposition = rng.choice(
            [f'form-data; name="{name}"', f'form-data; name="{name}"; filename="../../x.png"',
             "form-data", f'form-data; name="{name}', "attachment"]
        )  # fmt: skip
        parts.append(
            f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n{value}\r\n".encode(
                "utf-8", "surrogatepass"
            )
        )
    ending = rng.choice([f"--{boundary}--\r\n".encode(), b"", b"--garbage"])
    content_type = rng.choice(
        [f"multipart/form-data; boundary={boundary}", "multipart/form-data",
         "multipart/form-data; boundary=", "multipart/mixed; boundary=b0undary"]
    )  # fmt: skip
    return b"".join(parts) + ending, content_type


def _path(rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.35:
        path = rng.choice(PAGES)
    elif choice < 0.55:
        token = rng.choice(
            ["made-up", "a" * 128, "a" * 5000, "%00", "..%2F..%2Fetc", "\u00e9", "x:y:z"]
        )
        path = rng.choice(TOKEN_PATHS).format(urllib.parse.quote(token, safe="%:"))
    elif choice < 0.7:
        path = rng.choice(
            ["//evil.example/x", "/nl//", "/" + "a/" * 2000, "/nl/" + "x" * 10_000,
             "/media/" + "a" * 300 + ".png", "/media/%00.png", "/media/../../etc/passwd",
             "/static/../../config/settings/base.py", "/nl/news/%ED%A0%80/", "/%C0%AF",
             "/nl/testimonials/" + "%F0%9F%98%80" * 40 + "/", "/xx/", "/nl/%zz/",
             "/admin/../nl/", "/nl/sign/confirm/", "/nl/sign/count.json/extra"]
        )  # fmt: skip
    else:
        path = rng.choice(PAGES)
        query = urllib.parse.urlencode(
            [(rng.choice(["instance", "page", "q", "lang", "x" * 100]), _value(rng)[:3000])
             for _ in range(rng.choice([1, 2, 50]))]
        )  # fmt: skip
        path = f"{path}?{query}"
    return path


def generate(site: AppSite, count: int) -> list[tuple[str, str, bytes | None, dict[str, str]]]:
    rng = random.Random(SEED)
    origin = f"http://127.0.0.1:{site.port}"
    requests: list[tuple[str, str, bytes | None, dict[str, str]]] = []
    while len(requests) < count:
        headers = {}
        if rng.random() < 0.9:
            headers["Origin"] = origin
            headers["Sec-Fetch-Site"] = "same-origin"
        else:
            headers["Origin"] = rng.choice(["https://evil.example", "null", "\x7f", ""])
        if rng.random() < 0.03:
            headers["Host"] = rng.choice(["evil.example", "127.0.0.1:1", "a" * 300, "[::1"])
        if rng.random() < 0.05:
            headers["Accept-Language"] = rng.choice(["*", "x" * 2000, "nl;q=abc", "\u00e9"])
        if rng.random() < 0.35:
            method, path, body = rng.choice(["GET", "GET", "HEAD"]), _path(rng), None
        elif rng.random() < 0.9:
            path, fields = rng.choice(list(FORMS.items()))
            pairs = _form_body(rng, fields, site.token)
            kind = rng.random()
            if kind < 0.6:
                body = urllib.parse.urlencode(pairs).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            elif kind < 0.75:
                body, headers["Content-Type"] = _multipart(rng, pairs)
            elif kind < 0.85:
                body = repr(pairs).encode("utf-8", "surrogatepass")
                headers["Content-Type"] = rng.choice(
                    ["application/json", "text/plain", "application/xml", "", "x/y; z"]
                )
            else:
                body = bytes(rng.getrandbits(8) for _ in range(rng.choice([10, 3000])))
                headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-16"
            method = "POST"
        else:
            method = rng.choice(["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"])
            path, body = _path(rng), b"x=1"
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        requests.append((method, path, body, headers))
    return requests


def _send_all(site: AppSite, requests: list) -> tuple[Counter, list[tuple[int, str, str]]]:
    results: Counter = Counter()
    bad: list[tuple[int, str, str]] = []
    lock = threading.Lock()
    position = iter(range(len(requests)))
    timings: list[tuple[float, int, str, str]] = []

    def worker() -> None:
        connection: http.client.HTTPConnection | None = None
        while True:
            with lock:
                index = next(position, None)
            if index is None:
                break
            method, path, body, headers = requests[index]
            status = 0
            began = time.monotonic()
            for attempt in (1, 2):  # a kept-alive connection the server closed: once more
                reused = connection is not None
                try:
                    if connection is None:
                        connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
                    connection.putrequest(method, path, skip_host="Host" in headers)
                    for name, value in headers.items():
                        connection.putheader(name, value.encode("utf-8", "surrogatepass"))
                    connection.putheader("Content-Length", str(len(body or b"")))
                    connection.endheaders(body)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                    if response.getheader("Connection", "").lower() == "close":
                        connection.close()
                        connection = None
                    break
                except (OSError, http.client.HTTPException):
                    if connection is not None:
                        connection.close()
                    connection = None
                    if not reused or attempt == 2:
                        break
            with lock:
                results[status] += 1
                if status >= 500 or status == 0:
                    bad.append((status, method, path[:200]))
                timings.append((time.monotonic() - began, status, method, path[:80]))
        if connection is not None:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    slowest = sorted(timings, reverse=True)[:8]
    print("\nslowest:", [(round(t, 2), s, m, p) for t, s, m, p in slowest])
    return results, bad


def test_hostile_requests_never_get_a_5xx(request: pytest.FixtureRequest) -> None:
    database = "postgres" if postgres_url() else "sqlite"
    with app_site(
        request,
        database=database,
        # The production deadline (8 s) instead of the fault tests' 2 s: this test is about bad
        # input, not a database that stops answering, and 20,000 requests from 8 clients on
        # two cores make some requests take 2 to 3 s of queueing, which a 2 s deadline would
        # cut (and answer 503) though the database is fine.
        extra_env={
            "RESEND_SOURCE_LIMIT": "1000000",
            "ADMIN_LOGIN_SOURCE_LIMIT": "1000000",
            "REQUEST_DEADLINE_SECONDS": "8",
        },
    ) as site:
        site.start_app(workers=2, threads=1 if database == "sqlite" else 2)
        requests = generate(site, REQUESTS)
        started = time.monotonic()
        results, bad = _send_all(site, requests)
        seconds = time.monotonic() - started
        assert sum(results.values()) == len(requests) >= min(20_000, REQUESTS)
        server_errors = [b for b in bad if b[0] >= 500]
        assert not server_errors, f"{len(server_errors)} answers of 5xx: {server_errors[:10]}"
        unanswered = [b for b in bad if b[0] == 0]
        assert len(unanswered) <= len(requests) // 200, f"no answer: {unanswered[:10]}"
        # Still serving, unharmed.
        status, _body, _headers = site.request("GET", "/nl/")
        assert status == 200
        print(  # the measurement, shown with -s
            f"\n{len(requests)} hostile requests on {database} in {seconds:.0f} s: "
            f"{dict(sorted(results.items()))}, 0 of 5xx"
        )
