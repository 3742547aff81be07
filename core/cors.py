"""Public data other websites may read from their own pages (a partner's counter).

`readable_anywhere` lets any origin's script read a view's GET and HEAD answers: a fixed
`Access-Control-Allow-Origin: *`, never the caller's origin echoed back and never
`Access-Control-Allow-Credentials`, so a browser sends no cookie with such a request and
shows the answer to the calling page only because it is the same for everyone. The origin
is not echoed, so the answer does not vary by it: no `Vary: Origin`, and shared caches keep
one copy. A simple GET needs no preflight; OPTIONS and every other method get no CORS
headers (the view's own answer, usually 405).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse


def readable_anywhere(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Put it above `cached_page`, so an answer from the page cache carries it too."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and not response.cookies:
            response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def loadable_anywhere(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An image other sites may show with <img>, also pages that isolate themselves
    (Cross-Origin-Embedder-Policy): `Cross-Origin-Resource-Policy: cross-origin`. Their
    scripts still cannot read it. Put it above `cached_page`."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
        return response

    return wrapped
