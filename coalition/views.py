from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe

from coalition import selectors, services
from coalition.forms import ApplyForm
from core import optin
from core.formguard import public_form
from privacy.network import rate_limited

APPLICATIONS_PER_HOUR = 10


@public_form
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "coalition/apply.html", {"form": ApplyForm()})
    form = ApplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "coalition/apply.html", {"form": form}, status=400)
    if rate_limited(request, scope="coalition-apply", limit=APPLICATIONS_PER_HOUR, period=3600):
        return optin.too_many(request)
    if not form.is_suspect:  # bots get the same answer and nothing is stored
        data = form.cleaned_data
        services.organisation_apply(
            name=data["name"],
            website=data["website"],
            country=data["country"],
            contact_email=data["contact_email"],
            contact_name=data["contact_name"],
            statement=data["statement"],
            logo=data["logo"],
            language=get_language(),
        )
    return redirect("coalition:sent")


@never_cache
@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "coalition/sent.html")


@public_form
@optin.token_page
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    organisation = selectors.organisation_by_confirmation_token(token=token)
    return optin.button_page(
        request,
        app="coalition",
        found=organisation,
        act=lambda: services.organisation_confirm_email(token=token),
        expires="confirmation_expires_at",
        context={"organisation": organisation},
    )


@require_safe
@cache_control(public=True, max_age=300)
def confirmed(request: HttpRequest) -> HttpResponse:
    return render(request, "coalition/confirmed.html")
