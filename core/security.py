"""The site's Content-Security-Policy, and the one hook a view has to change it.

django-csp's middleware sends the policy of the settings (CONTENT_SECURITY_POLICY: everything
from our own origin, no frames) on every answer. A view may carry its own (django-csp's
`csp_replace` and `csp_update` decorators); `embeddable_by` wraps them for the case the
campaign needs, a partner's site framing a page.
"""

from collections.abc import Callable
from typing import Any

from csp.decorators import csp_replace
from django.views.decorators.clickjacking import xframe_options_exempt


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
