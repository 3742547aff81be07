"""Double opt-in, written once for the apps that collect people (petitions, newsletter,
coalition): a fix to token handling is made here, for all of them.

A person sends a form; the app stores its row with the SHA-256 of a random token
(privacy.tokens) and an expiry, and mails a link that carries the token, in the person's
language. Opening the link shows a page with a button and changes nothing: mail scanners open
links. Only the button's POST, sent from our own page with its form token, acts, and the
token works once.

An app keeps what differs: its rows, its services and its wording. Its views are made
here (form_view, link_view, sent_view, done_view), so every app answers the same way: the
same decorators in the same order, HEAD as GET, 400 for a form with errors, 410 for an
expired link, noindex and no caching for every page a token opens. Its pages extend the
shared ones in core/templates/optin/ and fill their blocks, under the same names in every
app: `<app>/sent.html` (check your inbox), `<app>/confirm.html` (the button),
`<app>/link_invalid.html` (an unknown, used or expired link); too many requests get
optin/too_many.html in every app.
"""

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.formguard import PublicForm, public_form
from privacy.network import rate_limited
from privacy.tokens import hash_token

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponse]
PAGE_METHODS = ["GET", "HEAD", "POST"]

# No link of ours carries a longer token (they are 43 or 64 characters): a longer one is
# refused before it is hashed or looked up.
MAX_TOKEN_LENGTH = 128


def token_digest(token: str) -> str | None:
    """What the database holds for `token`, or None when no link of ours can carry it."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return hash_token(token)


def find(queryset: QuerySet[M], *, token: str, field: str = "token_hash") -> M | None:
    """The row of `queryset` whose `field` holds the hash of `token`, or None."""
    digest = token_digest(token)
    if digest is None:
        return None
    return queryset.filter(**{field: digest}).first()


def expiry(*, now: dt.datetime | None = None) -> dt.datetime:
    """When a confirmation link sent now stops working (CONFIRMATION_TOKEN_HOURS)."""
    return (now or timezone.now()) + dt.timedelta(hours=settings.CONFIRMATION_TOKEN_HOURS)


def has_expired(expires_at: dt.datetime | None, *, now: dt.datetime | None = None) -> bool:
    """Whether a link that expires at `expires_at` no longer works. A row without an expiry
    was never sent a link that works (links that never expire are not asked: see link_view's
    `expires`)."""
    return expires_at is None or expires_at <= (now or timezone.now())


def absolute_url(name: str, *, token: str, language: str) -> str:
    """The link to the URL `name` with `token`, for a mail: absolute (SITE_URL) and in the
    person's language, whatever the language of the request that sends the mail."""
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs={"token": token})


class ConfirmForm(PublicForm):
    """The button on a token's page: only a POST from our own page acts."""


def token_page(view: View) -> View:
    """A page that a token opens: never cached, and kept out of search engines."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers["X-Robots-Tag"] = "noindex"
        return response

    return never_cache(wrapped)


def link_invalid(
    request: HttpRequest, *, app: str, expired: bool = False, **context: Any
) -> HttpResponse:
    """The app's page for a link that does not work: 410 once it has expired, 404 when it is
    unknown or used."""
    return render(
        request,
        f"{app}/link_invalid.html",
        {**context, "expired": expired},
        status=410 if expired else 404,
    )


def too_many(request: HttpRequest) -> HttpResponse:
    """Too many forms from one network: the same answer in every app, until the hour ends."""
    response = render(request, "optin/too_many.html", status=429)
    response["Retry-After"] = "3600"
    return response


def form_view(
    *,
    app: str,
    page: str,
    form_class: type[PublicForm],
    per_hour: int,
    act: Callable[[dict[str, Any]], object],
) -> View:
    """The form that starts an opt-in, on `<app>/<page>.html`. Every POST counts against
    `per_hour` posts from one source (as "<app>-<page>"), valid or not; past it the source
    waits (429). A valid POST calls `act(cleaned_data)`
    and sends the person to check their inbox; a bot caught by the honeypot gets the same
    answer and nothing happens. A form with errors is shown again with them (400)."""

    @public_form
    @never_cache
    @require_http_methods(PAGE_METHODS)
    def view(request: HttpRequest) -> HttpResponse:
        template = f"{app}/{page}.html"
        if request.method != "POST":
            return render(request, template, {"form": form_class()})
        # Every POST counts, valid or not, before any work is done on it: invalid forms
        # (an oversized image, a forged token) cost the sender their allowance too.
        if rate_limited(request, scope=f"{app}-{page}", limit=per_hour, period=3600):
            return too_many(request)
        form = form_class(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, template, {"form": form}, status=400)
        if not form.is_suspect:
            act(form.cleaned_data)
        return redirect(f"{app}:sent")

    return view


def link_view(
    *,
    app: str,
    find: Callable[..., Model | None],
    act: Callable[..., object],
    expires: str | None = "token_expires_at",
    page: str = "confirm",
    done: str = "confirmed",
    context: Callable[[Any], dict[str, Any]] | None = None,
    done_query: Callable[[Any], str] | None = None,
) -> View:
    """The page behind a mailed link, `<app>/<page>.html`, with its button. `find(token=)`
    gives the row the token belongs to (None: the link is unknown or used); `expires` names
    the row's expiry field (None: the link never expires); `context(row)` adds to the page.
    GET shows the button; a valid POST calls `act(token=)`, and redirects to `<app>:<done>`
    when it did something, or shows the link-invalid page when the link was used meanwhile.
    A POST without our form token gets the button page again with the form's error (400).
    `done_query(row)`, if given, is a query string for the `done` page (e.g. the partner
    source the thank-you page's share links keep)."""

    @public_form
    @token_page
    @require_http_methods(PAGE_METHODS)
    def view(request: HttpRequest, token: str) -> HttpResponse:
        found = find(token=token)
        if found is None:
            return link_invalid(request, app=app)
        if expires is not None and has_expired(getattr(found, expires)):
            return link_invalid(request, app=app, expired=True)
        template = f"{app}/{page}.html"
        extra = context(found) if context is not None else {}
        if request.method != "POST":
            return render(request, template, {**extra, "form": ConfirmForm()})
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            return render(request, template, {**extra, "form": form}, status=400)
        if not act(token=token):
            return link_invalid(request, app=app)
        query = done_query(found) if done_query is not None else ""
        if query:
            return redirect(f"{reverse(f'{app}:{done}')}?{query}")
        return redirect(f"{app}:{done}")

    return view


def sent_view(template: str) -> View:
    """ "Check your inbox": the same page whatever happened to the address."""

    @never_cache
    @require_safe
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template)

    return view


def done_view(
    template: str, context: Callable[[HttpRequest], dict[str, Any]] | None = None
) -> View:
    """The page after the button worked (confirmed, deleted): the same for everyone. It may
    say what state the campaign is in (`context`), so proxies keep it only a few seconds."""

    @require_safe
    @cache_control(public=True, max_age=5, stale_while_revalidate=600)
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template, context(request) if context else None)

    return view
