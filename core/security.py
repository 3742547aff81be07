"""The site's Content-Security-Policy, and the one hook a view has to change it.

django-csp's middleware sends the policy of the settings (CONTENT_SECURITY_POLICY: everything
from our own origin, no frames) on every answer. A view may carry its own (django-csp's
`csp_replace` and `csp_update` decorators); `embeddable_by` wraps them for the case the
campaign needs, a partner's site framing a page, and `embeddable_by_origins` for a list of
partner sites that is read per request (it changes as organisations are approved).
"""

import re
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from csp.constants import NONE
from csp.decorators import csp_replace
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt

# Plain http is allowed for a frame only on the visitor's own machine (development and the
# browser tests); anything a visitor reaches over a network must be https.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")
_IPV6 = re.compile(r"^[0-9a-f:.]+$")


def origin_of(url: str, *, loopback_http: bool = False) -> str | None:
    """The origin (scheme://host[:port]) of `url` if a frame may be allowed there: https, or
    http on a loopback host when `loopback_http`; None for anything else (a path, a wildcard,
    a quote or space that could break out of the policy)."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if ":" in host:  # an IPv6 literal
        if not _IPV6.match(host):
            return None
        host = f"[{host}]"
    elif not _HOST.match(host):  # ASCII names only (IDNA form): a header carries them
        return None
    scheme = parts.scheme.lower()
    default_port = {"https": 443, "http": 80}.get(scheme)
    if scheme != "https" and not (scheme == "http" and loopback_http and host in LOOPBACK_HOSTS):
        return None
    return f"{scheme}://{host}" + (f":{port}" if port and port != default_port else "")


def frame_origin_lines(value: str) -> list[str]:
    """The origins of a campaigner's list, one per line (blank lines skipped)."""
    return [line.strip() for line in value.splitlines() if line.strip()]


def validate_frame_origins(value: str) -> None:
    """Each line an origin a frame may be allowed on: https://host[:port] with nothing after
    it, or http on a loopback host (127.0.0.1, localhost, [::1]) for development."""
    for line in frame_origin_lines(value):
        origin = origin_of(line, loopback_http=True)
        if origin is None or origin != line.rstrip("/").lower():
            raise ValidationError(
                _(
                    "“%(value)s” is not an origin. Write one per line, like "
                    "https://example.org (https, a host and at most a port, nothing after it)."
                ),
                code="origin",
                params={"value": line[:100]},
            )


def embeddable_by(*origins: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Let the pages of a view be shown in a frame on `origins` (e.g. a partner's site that
    embeds the sign form), and nowhere else: its own `frame-ancestors`, and no
    `X-Frame-Options: DENY` (which would forbid any frame). Put it above `cached_page`, so an
    answer from the page cache carries it too."""
    if not origins or any(not origin.startswith("https://") for origin in origins):
        raise ValueError("embeddable_by needs https:// origins")

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        return xframe_options_exempt(csp_replace({"frame-ancestors": list(origins)})(view))

    return decorator


def embeddable_by_origins(
    origins: Callable[[], Iterable[str]],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Like `embeddable_by`, with the origins read per request from `origins()` (a cheap,
    cached read: e.g. the approved partners' websites). With none, no page may frame it.
    Put it above `cached_page`: a cached page carries the list of the moment it is served."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            allowed = list(origins()) or [NONE]
            response._csp_replace = {"frame-ancestors": allowed}  # type: ignore[attr-defined]
            return response

        return xframe_options_exempt(wrapped)

    return decorator
