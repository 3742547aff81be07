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

Each page is also stored compressed, with brotli and with gzip, once when it is rendered, and
served in the encoding the request's Accept-Encoding prefers (`Vary: Accept-Encoding`, an
ETag per encoding): the app alone sends the bytes nginx would, without compressing per request.

Nothing here reads or writes cookies, and nothing adds `Vary: Cookie`: a cached page is the
same for every reader, which is the campaign's privacy promise as much as a performance need.
"""

import gzip
import hashlib
import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

import brotli
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language

from core import deadline

VERSION_KEY = "page:content-version"
# Headers of the rendered response that are kept with the cached body.
_KEPT_HEADERS = ("Content-Type", "Content-Language")
# Bodies smaller than this are sent as they are (compression would gain a few bytes at most).
COMPRESS_MIN_BYTES = 512
# The encodings a page is stored in besides identity, in the order of preference.
ENCODINGS = ("br", "gzip")

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


def _where(request: HttpRequest, query: Callable[[HttpRequest], str] | None) -> str:
    if query is None:
        address = request.get_full_path()
    else:
        try:
            address = f"{request.path}?{query(request)}"
        except DatabaseError:  # the stale copy is wanted: the bare page's will do
            address = request.path
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def _page_key(request: HttpRequest, version: int, query: Any = None) -> str:
    return f"page:{version}:{get_language()}:{_where(request, query)}"


def _stale_key(request: HttpRequest, query: Any = None) -> str:
    """The last rendering of a page whatever the content version: served while the database
    fails (cached_page keeps it for stale_if_error seconds)."""
    return f"page-stale:{get_language()}:{_where(request, query)}"


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def _compressed(body: bytes, content_type: str) -> dict[str, bytes]:
    """The body in every encoding of ENCODINGS, for text worth compressing. Brotli at quality 5
    and gzip at level 6: a millisecond or two for a page, once per rendering, and within a few
    per cent of the highest levels for HTML of this size."""
    if len(body) < COMPRESS_MIN_BYTES or not content_type.startswith(
        ("text/", "application/json", "image/svg+xml", "application/xml", "application/rss+xml")
    ):
        return {}
    return {
        "br": brotli.compress(body, quality=5),
        "gzip": gzip.compress(body, compresslevel=6, mtime=0),
    }


def accepted_encoding(accept_encoding: str) -> str:
    """The preferred encoding of ENCODINGS that `Accept-Encoding` accepts (q > 0), else
    "identity". Ties go to ENCODINGS' order; `*` accepts any."""
    accepted: dict[str, float] = {}
    for part in accept_encoding.lower().split(","):
        name, _sep, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _eq, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name:
            accepted[name.strip()] = quality
    best, best_quality = "identity", 0.0
    for encoding in ENCODINGS:
        quality = accepted.get(encoding, accepted.get("*", 0.0))
        if quality > best_quality:
            best, best_quality = encoding, quality
    return best


def _respond(
    request: HttpRequest, entry: dict[str, Any], cache_control: dict[str, Any]
) -> HttpResponse:
    encodings = entry.get("encoded") or {}
    encoding = accepted_encoding(request.headers.get("Accept-Encoding", "")) if encodings else ""
    body = encodings.get(encoding)
    # One representation per encoding, each with its own validator (RFC 9110 8.8.3).
    etag = entry["etag"] if body is None else entry["etag"][:-1] + "-" + encoding + '"'
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match and (etag in parse_etags(if_none_match) or if_none_match.strip() == "*"):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["body"] if body is None else body)
        for name, value in entry["headers"].items():
            response.headers[name] = value
        if body is not None:
            response.headers["Content-Encoding"] = encoding
    if encodings:
        patch_vary_headers(response, ("Accept-Encoding",))
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
    query: Callable[[HttpRequest], str] | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Cache a public GET view's 200 responses; `ttl` (seconds) bounds how long the shared
    cache keeps a rendering of one content version (the counter in it ages at most that),
    `max_age` how long browsers and proxies may reuse it: short, so that an edit in the admin
    shows within seconds also behind nginx's `proxy_cache` (which then asks again with
    If-None-Match and mostly gets a 304 from this cache; see docs/deploy.md).
    `key_extra(request)`, if given, is a cheap value the rendering depends on besides the
    content (e.g. the cached count): a new value is a new cache entry at once.

    `query(request)`, if given, is the part of the query string the page depends on, already
    checked (e.g. "src=<code>" for a known partner code, "" for anything else): the page is
    cached under its path and that alone, so a visitor making up query strings lands on an
    existing entry instead of filling the cache. Without it the full query string counts."""
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
                entry = cache.get(_stale_key(request, query))
                if entry is None:
                    raise
                if keys:
                    cache.set(keys[0], entry, timeout=ttl)
                return _respond(request, entry, stale_control)

        def serve(request: HttpRequest, keys: list[str], *args: Any, **kwargs: Any) -> HttpResponse:
            key = _page_key(request, content_version(), query)
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
                "encoded": _compressed(response.content, response.get("Content-Type", "")),
            }
            cache.set(key, entry, timeout=ttl)
            cache.set(_stale_key(request, query), entry, timeout=stale_if_error)
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
    Set-Cookie and no Vary but on Accept-Encoding. The key holds host, scheme, the full path and
    the encoding the request accepts (accepted_encoding). A content change in
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
                accepted_encoding(environ.get("HTTP_ACCEPT_ENCODING", "")),
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
            or names.get("vary", "accept-encoding").lower() != "accept-encoding"
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
