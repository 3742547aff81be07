from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django.views.static import serve as static_serve

from core import deadline, languages, workers
from core.formguard import origin_refused


@require_safe
@vary_on_headers("Accept-Language")
@cache_control(public=True, max_age=300)
def root_redirect(request: HttpRequest) -> HttpResponse:
    """`/` sends the visitor to the published language their browser prefers, by
    Accept-Language only, else to English. No cookie is read (Django's own negotiation
    would read the language cookie, and the answer, cached by `Vary: Accept-Language`,
    would then be another visitor's choice)."""
    language = languages.negotiate(request.headers.get("Accept-Language", ""))
    return HttpResponseRedirect(f"/{language}/")


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    return render(request, "robots.txt", content_type="text/plain")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the error may come from the database or the URL configuration.
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return origin_refused(request)


@require_safe
@cache_control(public=True, max_age=86400)
def media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files, when no nginx serves /media/ in front. A name the file system refuses
    (longer than 255 bytes, a NUL) is a file that does not exist: 404, not 500."""
    try:
        return static_serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as error:
        raise Http404 from error


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: the database, the shared cache and the workers, each
    "ok" or what is wrong, as JSON. 503 when the database is unreachable (this app server can
    then sign nobody up); a cache or worker problem is reported, but the server still serves
    (pages fall back to a local cache, mail waits in the queue). No version, nobody's data."""
    database = _database_state()
    report = {
        "database": database,
        "cache": _cache_state(),
        "worker": _worker_state() if database == "ok" else "unknown",
    }
    return JsonResponse(report, status=200 if database == "ok" else 503)


def _database_state() -> str:
    if deadline.database.is_open:  # failed a moment ago: do not wait for it again
        return "unreachable"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "unreachable"
    return "ok"


def _cache_state() -> str:
    try:
        cache.set("healthz", 1, timeout=30)
        return "ok" if cache.get("healthz") == 1 else "unreachable"
    except Exception:
        return "unreachable"


def _worker_state() -> str:
    try:
        alive = workers.worker_alive()
    except DatabaseError:
        return "unknown"
    return "ok" if alive else "stale"
