"""The public page cache (core.caching), through the full middleware stack."""

import gzip
import time

import brotli
import pytest
from django.apps import apps
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.models import Group, User
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.test import RequestFactory, override_settings
from django.urls import path
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control

from core import caching

calls: list[str] = []


@caching.cached_page(max_age=30, stale_while_revalidate=300, stale_if_error=3600, ttl=60)
def content_page(request: HttpRequest) -> HttpResponse:
    """A page showing rows of a model (auth's Group stands in for a content app's)."""
    calls.append(request.method or "")
    group = Group.objects.first()
    name = group.name if group else "none"
    return HttpResponse(f"<p>{get_language()} {name} {time.monotonic_ns()}</p>")


@caching.cached_page(ttl=1)
def short_page(request: HttpRequest) -> HttpResponse:
    calls.append("short")
    return HttpResponse(f"{time.monotonic_ns()}")


@caching.cached_page()
def missing_page(request: HttpRequest) -> HttpResponse:
    calls.append("missing")
    return HttpResponseNotFound("missing")


@caching.cached_page()
def form_page(request: HttpRequest) -> HttpResponse:
    calls.append(request.method or "")
    return HttpResponse(f"{request.method} {time.monotonic_ns()}")


@caching.cached_page()
def long_page(request: HttpRequest) -> HttpResponse:
    """A page long enough to be stored compressed."""
    calls.append("long")
    return HttpResponse(f"<p>{get_language()} {time.monotonic_ns()}</p>" + "<p>Text.</p>" * 200)


urlpatterns = i18n_patterns(
    path("page/", content_page),
    path("long/", long_page),
    path("short/", short_page),
    path("missing/", missing_page),
    path("form/", form_page),
)

pytestmark = [pytest.mark.urls("core.tests.test_caching"), pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _reset_calls():
    calls.clear()
    yield
    calls.clear()


@pytest.fixture
def groups_are_content(monkeypatch):
    """auth's models count as public content for the test, as a content app's do."""
    monkeypatch.setattr(apps.get_app_config("auth"), "public_content", True, raising=False)


def test_second_get_is_served_from_cache(client):
    """The view runs once; the second reader gets the same bytes without a rendering."""
    first = client.get("/en/page/")
    second = client.get("/en/page/")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert calls == ["GET"]


def test_each_language_and_query_is_rendered_separately(client):
    """A page is cached per language (and per query string), never shown in the wrong one."""
    english = client.get("/en/page/")
    dutch = client.get("/nl/page/")
    assert english.content.startswith(b"<p>en ")
    assert dutch.content.startswith(b"<p>nl ")
    client.get("/en/page/?page=2")
    assert len(calls) == 3
    client.get("/nl/page/")
    client.get("/en/page/?page=2")
    assert len(calls) == 3


def test_cache_control_lets_proxies_serve_stale(client):
    """Cache-Control is public with max-age, stale-while-revalidate and stale-if-error."""
    for _ in range(2):  # rendered, then from cache: the same header both times
        response = client.get("/en/page/")
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {
            "public",
            "max-age=30",
            "stale-while-revalidate=300",
            "stale-if-error=3600",
        }


def test_etag_and_conditional_get(client):
    """A matching If-None-Match gets 304 with no body; another ETag gets the full page."""
    response = client.get("/en/page/")
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 10

    not_modified = client.get("/en/page/", headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert "max-age=30" in not_modified["Cache-Control"]

    listed = client.get("/en/page/", headers={"If-None-Match": f'"other", {etag}'})
    assert listed.status_code == 304

    modified = client.get("/en/page/", headers={"If-None-Match": '"something-else"'})
    assert modified.status_code == 200
    assert modified.content == response.content
    assert calls == ["GET"]


@pytest.mark.usefixtures("groups_are_content")
def test_content_change_invalidates_the_page(client):
    """Saving a row of a content app makes the next GET render the new content."""
    group = Group.objects.create(name="#before")
    before = client.get("/en/page/")
    assert b"#before" in before.content
    assert client.get("/en/page/").content == before.content

    group.name = "#after"
    group.save()
    after = client.get("/en/page/")
    assert b"#after" in after.content
    assert after["ETag"] != before["ETag"]
    # The old ETag no longer matches: a revalidating proxy gets the new page.
    revalidated = client.get("/en/page/", headers={"If-None-Match": before["ETag"]})
    assert revalidated.status_code == 200
    assert b"#after" in revalidated.content


@pytest.mark.usefixtures("groups_are_content")
def test_content_delete_invalidates_the_page(client):
    """Deleting a content row also renders the page again."""
    group = Group.objects.create(name="#gone")
    assert b"#gone" in client.get("/en/page/").content
    group.delete()
    assert b"none" in client.get("/en/page/").content


@pytest.mark.usefixtures("groups_are_content")
def test_commit_of_a_content_change_invalidates_again(client, django_capture_on_commit_callbacks):
    """A page rendered between a content write and its commit does not survive the commit."""
    with django_capture_on_commit_callbacks(execute=True):
        Group.objects.create(name="#one")
        client.get("/en/page/")
    assert len(calls) == 1
    client.get("/en/page/")
    assert len(calls) == 2


def test_non_content_writes_keep_the_cache(client):
    """Writes to the tables of an app that does not call itself public content do not
    invalidate pages."""
    client.get("/en/page/")
    User.objects.create(username="someone")
    Group.objects.create(name="#unseen")
    assert b"#unseen" not in client.get("/en/page/").content
    assert calls == ["GET"]


def test_ttl_bounds_the_age_of_a_rendering(client, monkeypatch):
    """After `ttl` seconds the page is rendered again (the counter in it stays current)."""
    clock = [time.time()]  # the cache's clock, moved by the test instead of sleeping
    monkeypatch.setattr(time, "time", lambda: clock[0])
    first = client.get("/en/short/")
    assert client.get("/en/short/").content == first.content
    clock[0] += 1.1
    assert client.get("/en/short/").content != first.content
    assert calls == ["short", "short"]


def test_errors_and_posts_are_not_cached(client):
    """Only 200 responses to GET are cached; a 404 and a POST run the view every time."""
    assert client.get("/en/missing/").status_code == 404
    assert client.get("/en/missing/").status_code == 404
    assert calls == ["missing", "missing"]
    calls.clear()
    client.post("/en/form/")
    client.post("/en/form/")
    assert calls == ["POST", "POST"]
    assert "Cache-Control" not in client.post("/en/form/")


def test_no_cookie_and_no_vary_cookie(client):
    """Cached pages set no cookie and do not vary on Cookie, rendered or served from cache."""
    for _ in range(2):
        response = client.get("/en/page/")
        assert not response.cookies
        assert "Set-Cookie" not in response
        assert "cookie" not in response.get("Vary", "").lower()


def test_head_is_served_from_the_same_entry(client):
    """HEAD uses the cached rendering of GET (same ETag, no second rendering)."""
    get = client.get("/en/page/")
    head = client.head("/en/page/")
    assert head.status_code == 200
    assert head["ETag"] == get["ETag"]
    assert calls == ["GET"]


@pytest.mark.usefixtures("groups_are_content")
@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
    PAGE_CACHE_LOCAL_SECONDS=5,
)
def test_process_local_layer_spares_the_shared_cache(client):
    """With a networked cache, a process keeps the page in memory for a moment, and a content
    change in this process drops it at once."""
    caching.content_changed()
    first = client.get("/en/page/")
    assert client.get("/en/page/").content == first.content
    assert calls == ["GET"]
    Group.objects.create(name="#new")
    assert b"#new" in client.get("/en/page/").content
    assert len(calls) == 2
    caching.content_changed()


@caching.cached_page()
def cookie_page(request: HttpRequest) -> HttpResponse:
    calls.append("cookie")
    response = HttpResponse("with a cookie")
    response.set_cookie("flavour", "none")
    return response


@cache_control(public=True, max_age=60)
def plain_public_page(request: HttpRequest) -> HttpResponse:
    calls.append("plain")
    return HttpResponse("public, but not from the page cache")


counter = {"value": 1}


@caching.cached_page(key_extra=lambda request: str(counter["value"]))
def counter_page(request: HttpRequest) -> HttpResponse:
    calls.append("counter")
    return HttpResponse(f"count {counter['value']}")


urlpatterns += i18n_patterns(
    path("cookie/", cookie_page), path("plain/", plain_public_page), path("counter/", counter_page)
)


def test_key_extra_gives_a_new_entry_when_its_value_changes(client):
    """A page keyed on a cheap extra value (the count) is fresh as soon as the value changes,
    and still served from cache while it does not."""
    counter["value"] = 1
    assert client.get("/en/counter/").content == b"count 1"
    assert client.get("/en/counter/").content == b"count 1"
    counter["value"] = 2
    assert client.get("/en/counter/").content == b"count 2"
    assert calls == ["counter", "counter"]


def _wsgi_get(app, path: str, **environ: str) -> tuple[str, dict[str, str], bytes]:
    """Call a WSGI application the way an app server does."""
    base = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET", **environ)
    base["SERVER_NAME"] = "testserver"
    seen: dict = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(base, start_response))
    return seen["status"], seen["headers"], body


@pytest.fixture
def wsgi_app():
    """The production WSGI stack with the micro-cache, over a networked-like (dummy) cache."""
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
        PAGE_CACHE_LOCAL_SECONDS=5,
    ):
        caching.content_changed()
        # As Django's test client does: the handler must not close the test's connection.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            yield caching.WSGIPageCache(get_wsgi_application())
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
            caching.content_changed()


def test_wsgi_micro_cache_answers_repeats_before_django(wsgi_app):
    """A repeated GET of a cached page is answered with the same status, headers (security
    headers included) and body without entering Django."""
    first = _wsgi_get(wsgi_app, "/en/page/")
    second = _wsgi_get(wsgi_app, "/en/page/")
    assert first[0] == "200 OK"
    assert second == first
    assert "Content-Security-Policy" in second[1]
    assert calls == ["GET"]


def test_wsgi_micro_cache_conditional_get(wsgi_app):
    """If-None-Match with the page's ETag gets 304 and no body from the micro-cache."""
    _status, headers, _body = _wsgi_get(wsgi_app, "/en/page/")
    status, headers304, body = _wsgi_get(wsgi_app, "/en/page/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status.startswith("304")
    assert body == b""
    assert headers304["ETag"] == headers["ETag"]
    assert "Content-Type" not in headers304
    assert calls == ["GET"]


def test_wsgi_micro_cache_keeps_hosts_and_queries_apart(wsgi_app):
    """Another path, query string or language is another entry."""
    _wsgi_get(wsgi_app, "/en/page/")
    _wsgi_get(wsgi_app, "/en/page/", QUERY_STRING="page=2")
    _wsgi_get(wsgi_app, "/nl/page/")
    assert len(calls) == 3
    # A host Django refuses is refused, never answered from an entry of another host.
    status, _headers, _body = _wsgi_get(wsgi_app, "/en/page/", HTTP_HOST="evil.example")
    assert status.startswith("400")


def test_wsgi_micro_cache_stores_only_page_cache_responses(wsgi_app):
    """Responses with a cookie, or public ones the page cache did not make (no ETag), and
    errors are never stored."""
    for _ in range(2):
        _wsgi_get(wsgi_app, "/en/cookie/")
        _wsgi_get(wsgi_app, "/en/plain/")
        _wsgi_get(wsgi_app, "/en/missing/")
    assert calls == ["cookie", "plain", "missing"] * 2


@pytest.mark.usefixtures("groups_are_content")
def test_wsgi_micro_cache_drops_pages_on_content_change(wsgi_app):
    """A content change in this process empties the micro-cache at once."""
    before = _wsgi_get(wsgi_app, "/en/page/")
    Group.objects.create(name="#changed")
    after = _wsgi_get(wsgi_app, "/en/page/")
    assert b"#changed" in after[2]
    assert after[1]["ETag"] != before[1]["ETag"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "identity"),
        ("gzip", "gzip"),
        ("gzip, deflate, br, zstd", "br"),
        ("br;q=0, gzip", "gzip"),
        ("br;q=0.5, gzip;q=0.8", "gzip"),
        ("br;q=0.8, gzip;q=0.8", "br"),
        ("*", "br"),
        ("*;q=0, gzip", "gzip"),
        ("identity", "identity"),
        ("gzip;q=0", "identity"),
        ("gzip;q=nonsense", "identity"),
        ("BR", "br"),
    ],
)
def test_the_encoding_is_the_preferred_one_that_is_accepted(accept, expected):
    """Accept-Encoding chooses brotli over gzip on a tie, and q=0 refuses an encoding."""
    assert caching.accepted_encoding(accept) == expected


def test_pages_are_served_compressed_as_the_request_accepts(client):
    """One rendering serves the same page as brotli, gzip and identity, each with its own
    ETag and Vary: Accept-Encoding, so no cache hands one client's encoding to another."""
    plain = client.get("/en/long/")
    as_br = client.get("/en/long/", headers={"Accept-Encoding": "gzip, deflate, br"})
    as_gzip = client.get("/en/long/", headers={"Accept-Encoding": "gzip"})
    assert calls == ["long"]
    assert "Content-Encoding" not in plain
    assert as_br["Content-Encoding"] == "br"
    assert as_gzip["Content-Encoding"] == "gzip"
    assert brotli.decompress(as_br.content) == plain.content
    assert gzip.decompress(as_gzip.content) == plain.content
    assert len(as_br.content) < len(plain.content) / 5
    for response in (plain, as_br, as_gzip):
        assert response["Vary"] == "Accept-Encoding"
    assert len({plain["ETag"], as_br["ETag"], as_gzip["ETag"]}) == 3


def test_a_conditional_get_matches_only_its_own_encoding(client):
    """The brotli ETag revalidates a brotli request to 304; sent by a client that takes
    only gzip, it gets the full gzip page."""
    etag = client.get("/en/long/", headers={"Accept-Encoding": "br"})["ETag"]
    same = client.get("/en/long/", headers={"Accept-Encoding": "br", "If-None-Match": etag})
    other = client.get("/en/long/", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert same.status_code == 304
    assert other.status_code == 200
    assert other["Content-Encoding"] == "gzip"


def test_short_pages_are_not_compressed(client):
    """Below COMPRESS_MIN_BYTES the page is sent as it is, without Vary."""
    response = client.get("/en/page/", headers={"Accept-Encoding": "br, gzip"})
    assert "Content-Encoding" not in response
    assert "Vary" not in response


def test_wsgi_micro_cache_keeps_encodings_apart(wsgi_app):
    """The micro-cache stores a page per accepted encoding: a client without brotli never
    gets the brotli bytes another client caused to be stored."""
    _status, br_headers, br_body = _wsgi_get(wsgi_app, "/en/long/", HTTP_ACCEPT_ENCODING="br")
    _status, plain_headers, plain_body = _wsgi_get(wsgi_app, "/en/long/")
    _status, _again_headers, again_body = _wsgi_get(
        wsgi_app, "/en/long/", HTTP_ACCEPT_ENCODING="br"
    )
    assert br_headers["Content-Encoding"] == "br"
    assert "Content-Encoding" not in plain_headers
    assert brotli.decompress(br_body) == plain_body
    assert again_body == br_body
    # One rendering holds every encoding.
    assert calls == ["long"]
