from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core import optin
from newsletter import selectors, services
from newsletter.forms import SubscribeForm

SUBSCRIBE_LIMIT_PER_HOUR = 30

subscribe = optin.form_view(
    app="newsletter",
    page="subscribe",
    form_class=SubscribeForm,
    per_hour=SUBSCRIBE_LIMIT_PER_HOUR,
    act=lambda data: services.subscription_request(email=data["email"], language=get_language()),
)
sent = optin.sent_view("newsletter/sent.html")
confirm = optin.link_view(
    app="newsletter",
    find=selectors.subscription_by_confirmation_token,
    act=services.subscription_confirm,
)
confirmed = optin.done_view("newsletter/confirmed.html")


@csrf_exempt
@optin.token_page
@require_http_methods(optin.PAGE_METHODS)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; POST unsubscribes. The POST needs neither a form token nor our
    Origin: mail programs send RFC 8058 one-click POSTs from elsewhere. The unguessable
    token in the URL is the authority, and whoever holds it may unsubscribe anyway."""
    if request.method == "POST":
        if services.subscription_delete(token=token):
            return render(request, "newsletter/unsubscribed.html")
    elif selectors.subscription_by_unsubscribe_token(token=token) is not None:
        return render(request, "newsletter/unsubscribe.html")
    return optin.link_invalid(request, app="newsletter", unsubscribe=True)
