from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

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
