"""Protection for public forms without cookies.

Readers and signers get no cookie, so Django's cookie-based CSRF check cannot guard the
petition, newsletter and coalition forms. Instead:
- the browser's own `Origin` / `Sec-Fetch-Site` headers must say the POST comes from this
  site (every current browser sends them; a forged cross-site POST is refused). A POST with
  neither is accepted only when its `Referer` is a page of this site (our referrer policy,
  same-origin, lets browsers send it), so a hand-made POST has to say where it comes from;
- every form carries a signed, timestamped token naming the form it was issued for. It proves
  the POST was made from a page of ours, for this form, within the last TOKEN_MAX_AGE: a
  hand-written POST without a page load, a token copied from another form, or one older than
  a day fails with a clear "please submit again" error. It is not single-use: one page load
  can be posted again within the day (rate limits and the per-address mail limit deal with
  repeats);
- a honeypot field that people never see marks bots quietly instead of telling them.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from core.forms import field_group_renderer

TOKEN_FIELD = "form_token"  # noqa: S105 (a field name, not a secret)
HONEYPOT_FIELD = "nickname"
TOKEN_MAX_AGE = 60 * 60 * 24
_SALT = "core.formguard"


def issue_token(scope: str) -> str:
    """A token for the form named `scope` (PublicForm.token_scope())."""
    return signing.TimestampSigner(salt=_SALT).sign(scope)


def token_is_valid(token: str | None, *, scope: str) -> bool:
    """Whether `token` was signed by this site, for the form `scope`, within TOKEN_MAX_AGE."""
    if not token or len(token) > 200:
        return False
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return False
    return value == scope


def is_same_origin(request: HttpRequest) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site not in (None, "same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        if fetch_site is None:
            # Neither header: no current browser posts a form like that. Only a Referer from
            # one of our pages vouches for it.
            return _is_ours(request.headers.get("Referer"), request)
        return True
    if origin == "null":
        # Sent for a same-origin POST when a referrer policy hides the origin; only the
        # browser's own Sec-Fetch-Site header can vouch for it then.
        return fetch_site == "same-origin"
    return _is_ours(origin, request)


def _is_ours(url: str | None, request: HttpRequest) -> bool:
    """Whether an Origin or Referer names this site (its host, or a trusted origin)."""
    if not url:
        return False
    trusted = set(getattr(settings, "CSRF_TRUSTED_ORIGINS", []))
    try:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" in trusted:
            return True
        return parts.scheme in ("http", "https") and parts.netloc == request.get_host()
    except (DisallowedHost, ValueError):  # a Host header we do not serve, or a malformed one
        return False


def origin_refused(request: HttpRequest) -> HttpResponse:
    """The page for a POST from another site: never stored by a browser or proxy (it answers
    a POST, and a cache must not hand it to the next visitor of the form)."""
    response = render(request, "403_origin.html", status=403)
    add_never_cache_headers(response)
    return response


def public_form(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a view that accepts a public POST without a CSRF cookie."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and not is_same_origin(request):
            return origin_refused(request)
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


class PublicForm(forms.Form):
    """Base of every public form: checks the signed token and notes the honeypot, and renders
    itself with the token, the honeypot and its fields as groups (core.forms)."""

    default_renderer = field_group_renderer
    template_name = "core/form.html"
    token_error = _("This form has expired or was not sent from our page. Please submit it again.")
    # The ids of its fields start with this, so that two forms on one page (the home page
    # has the petition's and the newsletter's) never share an id.
    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)
        self.is_suspect = False

    @classmethod
    def token_scope(cls) -> str:
        """The name a token of this form is issued for: one form's token fails on another."""
        return cls.__name__

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.is_bound:
            if not token_is_valid(self.data.get(TOKEN_FIELD), scope=self.token_scope()):
                raise forms.ValidationError(self.token_error, code="token")
            if self.data.get(HONEYPOT_FIELD):
                self.is_suspect = True
        return cleaned
