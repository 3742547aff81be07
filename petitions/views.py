"""Signing, confirming and deleting. Public pages set no cookie; their forms are guarded by
core.formguard instead of Django's CSRF cookie, and the links in the mails follow the
double opt-in of core.optin."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import optin, proofofwork
from core.caching import cached_page
from core.formguard import public_form
from petitions import selectors, services
from petitions.forms import ResendForm, SignForm
from petitions.services import all_hits_count
from privacy.network import rate_limited, source_count, source_hits, source_key

HOUR = 3600


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _sign_page(
    request: HttpRequest, petition: selectors.Petition, form: SignForm, *, status: int = 200
) -> HttpResponse:
    context = {"petition": petition, "form": form, **selectors.petition_counter(petition=petition)}
    return render(request, "petitions/sign.html", context, status=status)


def _paused(request: HttpRequest, petition: selectors.Petition) -> HttpResponse:
    response = render(request, "petitions/paused.html", {"petition": petition}, status=503)
    response["Retry-After"] = "3600"
    return response


def _closed(request: HttpRequest, petition: selectors.Petition) -> HttpResponse:
    """The petition is over: its text, the final count and thanks; a signature sent now is
    refused (410 Gone), nothing stored."""
    context = {"petition": petition, **selectors.petition_counter(petition=petition)}
    status = 410 if request.method == "POST" else 200
    return render(request, "petitions/closed.html", context, status=status)


@public_form
@never_cache
@require_http_methods(optin.PAGE_METHODS)
def sign(request: HttpRequest) -> HttpResponse:
    language = _language()
    petition = selectors.petition_get(language=language)
    if petition.is_over:
        return _closed(request, petition)
    if not petition.signing_open:
        return _paused(request, petition)
    if request.method != "POST":
        return _sign_page(request, petition, SignForm(consent_text=petition.consent_text))

    # Every POST counts, valid or not. Over the soft limit a signature is kept but marked
    # suspect without telling the sender; far over it, the source is refused for a while.
    hits = source_hits(request, scope="sign", period=HOUR)
    all_hits_count()
    if hits > settings.SIGN_HARD_LIMIT:
        return optin.too_many(request)
    over_soft = hits > settings.SIGN_SOFT_LIMIT
    form = SignForm(request.POST, consent_text=petition.consent_text)
    if not form.is_valid():
        return _sign_page(request, petition, form, status=400)
    # When proof of work is asked, a signature without a valid one (no JavaScript, or a bot)
    # is kept but quietly marked suspect.
    difficulty = selectors.pow_difficulty(petition=petition, source_posts=hits - 1)
    unproven = difficulty > 0 and not proofofwork.solution_valid(
        challenge=request.POST.get(proofofwork.CHALLENGE_FIELD),
        nonce=request.POST.get(proofofwork.NONCE_FIELD),
        scope="sign",
        difficulty=difficulty,
    )
    data = form.cleaned_data
    consent = bool(data.get("consent"))
    services.signature_create(
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        country=data["country"],
        language=language,
        consent=consent,
        consent_version=petition.consent_version if consent else None,
        source_key=source_key(request),
        suspect=form.is_suspect or over_soft or unproven,
    )
    return redirect("petitions:sent")


@never_cache
@require_safe
def challenge(request: HttpRequest) -> JsonResponse:
    """A proof-of-work challenge for the sign form (static/js/pow.js fetches it when the
    visitor starts filling the form in), or difficulty 0 when none is asked of this source
    now."""
    petition = selectors.petition_get(language=_language())
    source_posts = source_count(request, scope="sign", period=HOUR)
    difficulty = selectors.pow_difficulty(petition=petition, source_posts=source_posts)
    if not difficulty:
        return JsonResponse({"difficulty": 0})
    token = proofofwork.challenge_issue(scope="sign", difficulty=difficulty)
    return JsonResponse({"challenge": token, "difficulty": difficulty})


@never_cache
@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    """ "Check your inbox", the same page whatever happened to the address."""
    return render(request, "petitions/sent.html", {"form": ResendForm()})


@public_form
@never_cache
@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    petition = selectors.petition_get(language=_language())
    if petition.is_over:
        return _closed(request, petition)  # a new link would reopen signing
    if rate_limited(request, scope="resend", limit=settings.RESEND_SOURCE_LIMIT, period=HOUR):
        return optin.too_many(request)
    form = ResendForm(request.POST)
    if not form.is_valid():
        return render(request, "petitions/sent.html", {"form": form}, status=400)
    # Whether a mail went (an unconfirmed signature of exactly this address, within the
    # per-address limit) is not told: the same page either way.
    services.signature_resend_confirmation(email=form.cleaned_data["email"], language=_language())
    return render(request, "petitions/sent.html", {"form": ResendForm(), "resent": True})


confirm = optin.link_view(
    app="petitions",
    find=selectors.signature_by_confirmation_token,
    act=services.signature_confirm,
)
# Thanks after confirming, also once signing has ended (links sent before keep working).
confirmed = optin.done_view(
    "petitions/confirmed.html",
    lambda request: {"petition": selectors.petition_get(language=get_language())},
)
# The deletion link of every petition mail: it does not expire.
delete = optin.link_view(
    app="petitions",
    find=selectors.signature_by_deletion_token,
    act=services.signature_delete,
    expires=None,
    page="delete",
    done="deleted",
)
deleted = optin.done_view("petitions/deleted.html")


@require_safe
@cached_page(max_age=5, ttl=5, key_extra=lambda request: str(selectors.signature_count()))
@cache_control(public=True, max_age=5)
def count_json(request: HttpRequest) -> JsonResponse:
    petition = selectors.petition_get(language=_language())
    if not petition.statistics_visible:
        return JsonResponse({"count": None, "goal": petition.goal})
    return JsonResponse({"count": selectors.signature_count(), "goal": petition.goal})
