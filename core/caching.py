"""HTTP caching of public pages: rendered once per language and content version.

`@cached_page(...)` on a public GET view:
- serves the rendered page from the shared Django cache (Redis or the database table, shared
  by every app process), keyed by (content version, language, path and query). A page is
  therefore rendered once per language and content version, then again only after a short
  TTL so the signature counter in it stays within seconds of the tally;
- sets `Cache-Control: public, max-age, stale-while-revalidate, stale-if-error` so a CDN or
  nginx `proxy_cache` in front can absorb a crowd and keep serving if the app fails;
- sets a strong `ETag` (a hash of the body) and answers a matching `If-None-Match` with 304;
- keeps the last rendering of every page for `stale_if_error` seconds, whatever the content
  version, and serves it when rendering fails because the database does (stalled, refusing,
  read-only, full): readers keep reading while signing answers 503.

The content version is one cache key holding the time of the last content change. Saving or
deleting any model of an app whose rows public pages show (its AppConfig says
`public_content = True`) replaces it, so every cached page becomes unreachable at once, in
every process.

Within one process the last pages served are also kept in memory for at most
PAGE_CACHE_LOCAL_SECONDS (1 s), which spares a cache round trip per request under load; the
delay it adds to an invalidation seen by other processes is that second. With an in-process
cache backend (tests) that layer is skipped: it would add nothing.

Nothing here reads or writes cookies, and nothing adds `Vary: Cookie`: a cached page is the
same for every reader, which is the campaign's privacy promise as much as a performance need.
"""

import hashlib
import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.utils.translation import get_language

from core import deadline

VERSION_KEY = "page:content-version"
# Headers of the rendered response that are kept with the cached body.
_KEPT_HEADERS = ("Content-Type", "Content-Language")

_local: dict[str, tuple[float, Any]] = {}
_local_lock = threading.Lock()


def _local_seconds() -> float:
    if isinstance(caches["default"], LocMemCache):
        return 0.0
    return float(settings.PAGE_CACHE_LOCAL_SECONDS)


def _local_get(key: str) -> Any:
    found = _local.get(key)
    if found is not None and found[0] > time.monotonic():
        return found[1]
    return None


def _local_put(key: str, value: Any, seconds: float) -> None:
    with _local_lock:
        # A bound against many distinct query strings, above every page in every language.
        if len(_local) > settings.PAGE_CACHE_LOCAL_ENTRIES:
            _local.clear()
        _local[key] = (time.monotonic() + seconds, value)


def content_version() -> int:
    """The current content version (shared by every process)."""
    local_seconds = _local_seconds()
    if local_seconds:
        version = _local_get(VERSION_KEY)
        if version is not None:
            return int(version)
    version = cache.get(VERSION_KEY)
    if version is None:
        # First use, or the key was evicted: start a new version that no older page has.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY) or 0
    if local_seconds:
        _local_put(VERSION_KEY, version, local_seconds)
    return int(version)


def content_changed() -> None:
    """Make every cached page stale: the next request renders it again."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    with _local_lock:
        _local.clear()


def shows_public_content(model: Any) -> bool:
    """Whether rows of `model` appear on public pages: its app says so in its AppConfig."""
    meta = getattr(model, "_meta", None)
    return meta is not None and bool(getattr(meta.app_config, "public_content", False))


def _on_content_saved(sender: Any, **kwargs: Any) -> None:
    if not shows_public_content(sender):
        return
    # Now, so this process never serves the old page again, and after the commit, so a page
    # rendered by another process from the not yet committed data cannot stay cached.
    content_changed()
    transaction.on_commit(content_changed)


def connect_signals() -> None:
    """Called once from CoreConfig.ready()."""
    post_save.connect(_on_content_saved, dispatch_uid="core.caching.post_save")
    post_delete.connect(_on_content_saved, dispatch_uid="core.caching.post_delete")


def _page_key(request: HttpRequest, version: int) -> str:
    where = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page:{version}:{get_language()}:{where}"


def _stale_key(request: HttpRequest) -> str:
    """The last rendering of a page whatever the content version: served while the database
    fails (cached_page keeps it for stale_if_error seconds)."""
    where = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page-stale:{get_language()}:{where}"


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def _respond(
    request: HttpRequest, entry: dict[str, Any], cache_control: dict[str, Any]
) -> HttpResponse:
    etag = entry["etag"]
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match and (etag in parse_etags(if_none_match) or if_none_match.strip() == "*"):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["body"])
        for name, value in entry["headers"].items():
            response.headers[name] = value
    response.headers["ETag"] = etag
    patch_cache_control(response, **cache_control)
    return response


def cached_page(
    *,
    max_age: int = 5,
    stale_while_revalidate: int = 600,
    stale_if_error: int = 86400,
    ttl: int = 5,
    key_extra: Callable[[HttpRequest], str] | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Cache a public GET view's 200 responses; `ttl` (seconds) bounds how long the shared
    cache keeps a rendering of one content version (the counter in it ages at most that),
    `max_age` how long browsers and proxies may reuse it: short, so that an edit in the admin
    shows within seconds also behind nginx's `proxy_cache` (which then asks again with
    If-None-Match and mostly gets a 304 from this cache; see docs/deploy.md).
    `key_extra(request)`, if given, is a cheap value the rendering depends on besides the
    content (e.g. the cached count): a new value is a new cache entry at once."""
    cache_control = {
        "public": True,
        "max_age": max_age,
        "stale_while_revalidate": stale_while_revalidate,
        "stale_if_error": stale_if_error,
    }
    # A stale copy is not to be kept long by anyone: it is served only while the database
    # fails, and the fresh page must follow as soon as it is back.
    stale_control = {"public": True, "max_age": min(max_age, 5)}

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            keys: list[str] = []
            try:
                return serve(request, keys, *args, **kwargs)
            except DatabaseError:
                # The database stalled, refusing, read-only or full: the last rendering of
                # this page, however old (up to stale_if_error), rather than an error page;
                # and for the next `ttl` seconds as if it were fresh, so that not every
                # reader waits for the database to fail again.
                entry = cache.get(_stale_key(request))
                if entry is None:
                    raise
                if keys:
                    cache.set(keys[0], entry, timeout=ttl)
                return _respond(request, entry, stale_control)

        def serve(request: HttpRequest, keys: list[str], *args: Any, **kwargs: Any) -> HttpResponse:
            key = _page_key(request, content_version())
            if key_extra is not None:
                key = f"{key}:{key_extra(request)}"
            keys.append(key)
            local_seconds = min(_local_seconds(), ttl)
            entry = _local_get(key) if local_seconds else None
            if entry is None:
                entry = cache.get(key)
                if entry is not None and local_seconds:
                    _local_put(key, entry, local_seconds)
            if entry is not None:
                return _respond(request, entry, cache_control)

            deadline.database_unavailable()  # failed a moment ago: the stale copy, at once
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
            entry = {
                "body": response.content,
                "etag": _etag(response.content),
                "headers": {h: response.headers[h] for h in _KEPT_HEADERS if h in response},
            }
            cache.set(key, entry, timeout=ttl)
            cache.set(_stale_key(request), entry, timeout=stale_if_error)
            if local_seconds:
                _local_put(key, entry, local_seconds)
            return _respond(request, entry, cache_control)

        return wrapped

    return decorator


class WSGIPageCache:
    """A process-local micro-cache in front of Django, for the pages of `cached_page`.

    Under a crowd most of an app server's time goes to Django's request handling around the
    cache hit (URL resolving, middleware), not to the page. This WSGI wrapper keeps the last
    complete responses (status, every header the middleware added, body) of public pages for
    at most PAGE_CACHE_LOCAL_SECONDS and answers repeats before Django is entered, including
    If-None-Match with 304.

    It stores only what any shared HTTP cache may store and the page cache vouches for:
    a 200 answer to GET with `Cache-Control: public`, an ETag (set by `cached_page` only), no
    Set-Cookie and no Vary. The key holds host, scheme and the full path. A content change in
    this process empties it at once (content_changed); other processes see a change after at
    most that second, as with the local layer of `cached_page`.
    """

    MAX_BODY = 1 << 20

    def __init__(self, application: Callable[..., Any]) -> None:
        self.application = application

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        seconds = _local_seconds()
        if not seconds:
            return self.application(environ, start_response)
        key = "wsgi:" + "|".join(
            (
                environ.get("wsgi.url_scheme", ""),
                environ.get("HTTP_X_FORWARDED_PROTO", ""),
                environ.get("HTTP_HOST", ""),
                environ.get("PATH_INFO", ""),
                environ.get("QUERY_STRING", ""),
            )
        )
        entry = _local_get(key)
        if entry is not None:
            status, headers, body, etag = entry
            if_none_match = environ.get("HTTP_IF_NONE_MATCH")
            if if_none_match and etag in parse_etags(if_none_match):
                kept = [(k, v) for k, v in headers if k.lower() not in _ENTITY_HEADERS]
                start_response("304 Not Modified", kept)
                return [b""]
            start_response(status, headers)
            return [b""] if method == "HEAD" else [body]

        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            if exc_info is not None:
                return start_response(status, headers, exc_info)
            return start_response(status, headers)

        result = self.application(environ, capture)
        if method != "GET" or not captured.get("status", "").startswith("200"):
            return result
        headers = captured["headers"]
        names = {name.lower(): value for name, value in headers}
        if (
            "public" not in names.get("cache-control", "")
            or "etag" not in names
            or "set-cookie" in names
            or "vary" in names
        ):
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        if len(body) <= self.MAX_BODY:
            _local_put(key, (captured["status"], headers, body, names["etag"]), seconds)
        return [body]


# Headers a 304 must not carry (RFC 9110 15.4.5: it describes the stored representation).
_ENTITY_HEADERS = frozenset({"content-length", "content-type", "content-encoding"})
