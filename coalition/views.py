from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from coalition import services
from coalition.forms import ApplyForm, ConfirmForm
from core.formguard import public_form
from privacy.network import rate_limited

APPLICATIONS_PER_HOUR = 10


@never_cache
@public_form
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ApplyForm(request.POST, request.FILES)
        if form.is_valid():
            if rate_limited(
                request, scope="coalition-apply", limit=APPLICATIONS_PER_HOUR, period=3600
            ):
                return render(request, "coalition/too_many.html", status=429)
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
        return render(request, "coalition/apply.html", {"form": form}, status=400)
    return render(request, "coalition/apply.html", {"form": ApplyForm()})


@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "coalition/sent.html")


@never_cache
@public_form
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the button and changes nothing (mail scanners open links); POST confirms."""
    organisation = services.organisation_by_confirmation_token(token=token)
    if organisation is None:
        return render(request, "coalition/link_invalid.html", status=404)
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            if services.organisation_confirm_email(token=token) is None:
                return render(request, "coalition/link_invalid.html", status=404)
            return redirect("coalition:confirmed")
        context = {"form": form, "organisation": organisation}
        return render(request, "coalition/confirm.html", context, status=400)
    context = {"form": ConfirmForm(), "organisation": organisation}
    return render(request, "coalition/confirm.html", context)


@require_safe
def confirmed(request: HttpRequest) -> HttpResponse:
    return render(request, "coalition/confirmed.html")
