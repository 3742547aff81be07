import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, InternalError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers, patch_cache_control

from core import deadline, languages

logger = logging.getLogger(__name__)

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), "
    "browsing-topics=()"
)


class PrivacyHeadersMiddleware:
    """Permissions-Policy on every answer (the Content-Security-Policy comes from django-csp,
    see core.security)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than MAX_REQUEST_BYTES before anything reads it: 413 and
    a translated page. The largest legitimate body is an upload in the admin (or a logo of at
    most 1 MB); nginx's `client_max_body_size` should say the same (docs/deploy.md). Django's
    own DATA_UPLOAD_MAX_MEMORY_SIZE still bounds the form fields that are not files."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = int(settings.MAX_REQUEST_BYTES)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body without a valid length
        if length > limit:
            response = render(
                request, "413.html", {"max_mb": max(1, limit // (1024 * 1024))}, status=413
            )
            add_never_cache_headers(response)
            return response
        return self.get_response(request)


# What the database raises when it fails rather than when the code does: unreachable,
# stalled past a timeout, refusing, read-only, full, the connection cut by the request
# deadline (core.deadline).
DATABASE_FAILURES = (OperationalError, InterfaceError, InternalError)
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """A request the database fails answers 503 with Retry-After and a translated page, never
    a 500. Writes run in transactions (the services), so a request that fails before its
    COMMIT has stored nothing, and its page says so. One whose COMMIT itself failed (the
    connection lost while the server had it) cannot know: the server may have committed. Its
    page says that it cannot tell, and that the mail will tell."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not deadline.database.failures:
            return self.get_response(request)
        if deadline.database.is_open and request.method not in ("GET", "HEAD"):
            # The database failed a moment ago: a write would only wait for it to fail again.
            # The (small, capped) body is read all the same, so that the connection stays
            # usable for the visitor's next request.
            request.body  # noqa: B018
            return self._unavailable(request, unknown=False)
        with connection.execute_wrapper(deadline.note_success):
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_FAILURES):
            return None
        if not isinstance(exception, deadline.DatabaseUnavailable):
            deadline.database.trip()
        return self._unavailable(request, unknown=_failed_in_commit(exception))

    def _unavailable(self, request: HttpRequest, *, unknown: bool) -> HttpResponse:
        if unknown:  # django.request logs every 503; this one needs saying more
            logger.warning(
                "Database lost during a commit: %s cannot tell its outcome", request.path
            )
        template = "503_unknown.html" if unknown else "503.html"
        response = render_plain(request, template, status=503)
        response["X-Outcome"] = "unknown" if unknown else "not-stored"
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response


def _failed_in_commit(exception: BaseException) -> bool:
    """Whether the database failed while committing (Django's `commit()` on the stack)."""
    traceback = exception.__traceback__
    while traceback is not None:
        code = traceback.tb_frame.f_code
        if code.co_name in {"commit", "_commit"} and "django/db" in code.co_filename:
            return True
        traceback = traceback.tb_next
    return False


def render_plain(request: HttpRequest, template: str, *, status: int) -> HttpResponse:
    """An error page rendered without context processors (they may need the database)."""
    return HttpResponse(loader.get_template(template).render({}), status=status)


class PublishedLanguagesMiddleware:
    """Readers get only the languages the campaign publishes (core.languages).

    `/<lang>/...` in a language the site knows but has not published redirects (302, it may
    be published later) to the same page in the best published language. Staff signed in to
    the admin see the page itself, to preview a language before publishing it; that page is
    never stored by a shared cache. Unknown languages are left to the URL resolver (404).
    Nothing is read from a reader's cookies: the session is looked at only for an unpublished
    language, and only when a session cookie was sent.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        prefix, _slash, rest = request.path_info.lstrip("/").partition("/")
        if not _slash or not languages.is_configured(prefix) or languages.is_published(prefix):
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES and _is_staff(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_store=True)
            response.headers["X-Robots-Tag"] = "noindex"
            return response
        script = request.path[: len(request.path) - len(request.path_info)]
        target = f"{script}/{languages.best_published(prefix)}/{rest}"
        query = request.META.get("QUERY_STRING", "")
        return HttpResponseRedirect(f"{target}?{query}" if query else target)


def _is_staff(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)
