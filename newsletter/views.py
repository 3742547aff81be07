from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from core.formguard import public_form
from newsletter import selectors, services
from newsletter.forms import ConfirmForm, SubscribeForm
from privacy.network import rate_limited

SUBSCRIBE_LIMIT_PER_HOUR = 30


@never_cache
@public_form
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            if rate_limited(
                request, scope="newsletter-subscribe", limit=SUBSCRIBE_LIMIT_PER_HOUR, period=3600
            ):
                return render(request, "newsletter/too_many.html", status=429)
            if not form.is_suspect:  # bots get the same answer and nothing happens
                services.subscription_request(
                    email=form.cleaned_data["email"], language=get_language()
                )
            return redirect("newsletter:sent")
        return render(request, "newsletter/subscribe.html", {"form": form}, status=400)
    return render(request, "newsletter/subscribe.html", {"form": SubscribeForm()})


@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/sent.html")


@never_cache
@public_form
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the button and changes nothing (mail scanners open links); POST confirms."""
    if selectors.subscription_by_confirmation_token(token=token) is None:
        return render(request, "newsletter/link_invalid.html", status=404)
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            if services.subscription_confirm(token=token) is None:
                return render(request, "newsletter/link_invalid.html", status=404)
            return redirect("newsletter:confirmed")
        return render(request, "newsletter/confirm.html", {"form": form}, status=400)
    return render(request, "newsletter/confirm.html", {"form": ConfirmForm()})


@require_safe
def confirmed(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/confirmed.html")


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; POST unsubscribes. The POST needs neither a form token nor our
    Origin: mail programs send RFC 8058 one-click POSTs from elsewhere. The unguessable
    token in the URL is the authority, and whoever holds it may unsubscribe anyway."""
    if request.method == "POST":
        if services.subscription_delete(token=token):
            return render(request, "newsletter/unsubscribed.html")
        return render(request, "newsletter/link_invalid.html", {"unsubscribe": True}, status=404)
    if selectors.subscription_by_unsubscribe_token(token=token) is None:
        return render(request, "newsletter/link_invalid.html", {"unsubscribe": True}, status=404)
    return render(request, "newsletter/unsubscribe.html")
