from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from core import optin
from core.formguard import public_form
from newsletter import selectors, services
from newsletter.forms import SubscribeForm
from privacy.network import rate_limited

SUBSCRIBE_LIMIT_PER_HOUR = 30


@public_form
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "newsletter/subscribe.html", {"form": SubscribeForm()})
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "newsletter/subscribe.html", {"form": form}, status=400)
    if rate_limited(
        request, scope="newsletter-subscribe", limit=SUBSCRIBE_LIMIT_PER_HOUR, period=3600
    ):
        return optin.too_many(request)
    if not form.is_suspect:  # bots get the same answer and nothing happens
        services.subscription_request(email=form.cleaned_data["email"], language=get_language())
    return redirect("newsletter:sent")


@never_cache
@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/sent.html")


@public_form
@optin.token_page
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    return optin.button_page(
        request,
        app="newsletter",
        found=selectors.subscription_by_confirmation_token(token=token),
        act=lambda: services.subscription_confirm(token=token),
    )


@require_safe
@cache_control(public=True, max_age=300)
def confirmed(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/confirmed.html")


@csrf_exempt
@optin.token_page
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; POST unsubscribes. The POST needs neither a form token nor our
    Origin: mail programs send RFC 8058 one-click POSTs from elsewhere. The unguessable
    token in the URL is the authority, and whoever holds it may unsubscribe anyway."""
    if request.method == "POST":
        if services.subscription_delete(token=token):
            return render(request, "newsletter/unsubscribed.html")
        return optin.link_invalid(request, app="newsletter", unsubscribe=True)
    if selectors.subscription_by_unsubscribe_token(token=token) is None:
        return optin.link_invalid(request, app="newsletter", unsubscribe=True)
    return render(request, "newsletter/unsubscribe.html")
