"""Signing, confirming and deleting. Public pages set no cookie; their forms are guarded by
core.formguard instead of Django's CSRF cookie, and the links in the mails follow the
double opt-in of core.optin."""

from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from campaigns.selectors import embed_frame_origins
from coalition.selectors import (
    organisation_by_partner_token,
    source_cache_query,
    source_code_valid,
)
from core import optin, proofofwork
from core.caching import cached_page
from core.cors import loadable_anywhere, readable_anywhere
from core.formguard import public_form
from core.security import embeddable_by_origins
from petitions import europe, selectors, services
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


def _source(request: HttpRequest) -> str:
    """The approved partner's source code in the page's ?src=, else ""."""
    return source_code_valid(request.GET.get("src"))


def _source_query(request: HttpRequest) -> str:
    return source_cache_query(src=request.GET.get("src"))


def _sign_form(petition: selectors.Petition, *, source: str) -> SignForm:
    return SignForm(consent_text=petition.consent_text, initial={"src": source})


def _sign_post(
    request: HttpRequest,
    petition: selectors.Petition,
    form_page: Callable[[SignForm, int], HttpResponse],
) -> HttpResponse | None:
    """Take a signature from the sign form (the site's or the widget's): None once it is
    taken, else the answer (the form with its errors, or "too many")."""
    # Every POST counts, valid or not. Over the soft limit a signature is kept but marked
    # suspect without telling the sender; far over it, the source is refused for a while.
    hits = source_hits(request, scope="sign", period=HOUR)
    all_hits_count()
    if hits > settings.SIGN_HARD_LIMIT:
        return optin.too_many(request)
    over_soft = hits > settings.SIGN_SOFT_LIMIT
    form = SignForm(request.POST, consent_text=petition.consent_text)
    if not form.is_valid():
        return form_page(form, 400)
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
        language=_language(),
        consent=consent,
        consent_version=petition.consent_version if consent else None,
        source_key=source_key(request),
        suspect=form.is_suspect or over_soft or unproven,
        source=data.get("src") or "",
    )
    return None


@public_form
@never_cache
@require_http_methods(optin.PAGE_METHODS)
def sign(request: HttpRequest) -> HttpResponse:
    petition = selectors.petition_get(language=_language())
    if petition.is_over:
        return _closed(request, petition)
    if not petition.signing_open:
        return _paused(request, petition)
    if request.method != "POST":
        return _sign_page(request, petition, _sign_form(petition, source=_source(request)))

    def form_page(form: SignForm, status: int) -> HttpResponse:
        return _sign_page(request, petition, form, status=status)

    return _sign_post(request, petition, form_page) or redirect("petitions:sent")


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
    # The thank-you page's share links keep the partner the signer came through.
    done_query=lambda signature: source_cache_query(src=signature.source),
)
# Thanks after confirming, also once signing has ended (links sent before keep working); the
# share block's links keep a partner's (checked) ?src=.
confirmed = optin.done_view(
    "petitions/confirmed.html",
    lambda request: {
        "petition": selectors.petition_get(language=get_language()),
        "source": _source(request),
    },
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


def _count_key(request: HttpRequest) -> str:
    """The cached total: a new count is a new cache entry at once."""
    return str(selectors.signature_count())


# The counter's figures, public pages and data other sites read: the same for every reader,
# cached for seconds (the count moves), no cookie.
counter_page = cached_page(max_age=5, ttl=5, key_extra=_count_key)


@require_safe
@readable_anywhere
@counter_page
@cache_control(public=True, max_age=5)
def count_json(request: HttpRequest) -> JsonResponse:
    petition = selectors.petition_get(language=_language())
    if not petition.statistics_visible:
        return JsonResponse({"count": None, "goal": petition.goal})
    return JsonResponse({"count": selectors.signature_count(), "goal": petition.goal})


# --- The sign widget that partner sites frame, and a partner's own totals ----------------


def _embed_page(
    request: HttpRequest, petition: selectors.Petition, form: SignForm, *, status: int = 200
) -> HttpResponse:
    context = {
        "petition": petition,
        "form": form,
        "source": source_code_valid(form["src"].value()),
        **selectors.petition_counter(petition=petition),
    }
    return render(request, "petitions/embed/sign.html", context, status=status)


@cached_page(query=_source_query)
def _embed_get(request: HttpRequest) -> HttpResponse:
    petition = selectors.petition_get(language=_language())
    status = 503 if not petition.is_over and not petition.signing_open else 200
    form = _sign_form(petition, source=_source(request))
    return _embed_page(request, petition, form, status=status)


@never_cache
def _embed_post(request: HttpRequest) -> HttpResponse:
    petition = selectors.petition_get(language=_language())
    if petition.is_over or not petition.signing_open:
        form = _sign_form(petition, source=source_code_valid(request.POST.get("src")))
        return _embed_page(request, petition, form, status=410 if petition.is_over else 503)

    def form_page(form: SignForm, status: int) -> HttpResponse:
        return _embed_page(request, petition, form, status=status)

    return _sign_post(request, petition, form_page) or redirect("partners:embed_sent")


@public_form
@embeddable_by_origins(embed_frame_origins)
@require_http_methods(optin.PAGE_METHODS)
def embed_sign(request: HttpRequest) -> HttpResponse:
    """The sign form for a partner's page, in an <iframe>: the counter, the form and the
    privacy notice, nothing else. Framed only by the approved organisations' websites and
    the campaign's other embedding sites; cached like every public page, one entry per
    partner's code. Its POST comes from our own page in the frame, so the cookie-less form
    guard sees our origin (Sec-Fetch-Site: same-origin) and lets it through."""
    if request.method == "POST":
        return _embed_post(request)
    return _embed_get(request)


@embeddable_by_origins(embed_frame_origins)
@never_cache
@require_safe
def embed_sent(request: HttpRequest) -> HttpResponse:
    """ "Check your inbox" inside the frame, compact."""
    return render(request, "petitions/embed/sent.html", {"form": ResendForm()})


@never_cache
@require_safe
def partner_totals(request: HttpRequest, token: str) -> HttpResponse:
    """An organisation's own numbers behind its secret link: the confirmed signatures made
    through its source code, in total and per country. Not for search engines, not stored
    by any cache; an unknown link is a plain 404."""
    organisation = organisation_by_partner_token(token=token)
    if organisation is None or not organisation.source_code:
        raise Http404
    petition = selectors.petition_get(language=_language())
    context = {
        "organisation": organisation,
        "petition": petition,
        **selectors.partner_totals(source=organisation.source_code),
    }
    response = render(request, "petitions/partner.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
@readable_anywhere
@counter_page
def countries_json(request: HttpRequest) -> JsonResponse:
    """Signatures per country, names in the URL's language; `countries` is null while the
    campaign hides its statistics (docs/partners.md)."""
    petition = selectors.petition_get(language=_language())
    by_country = selectors.country_numbers(petition=petition)
    if by_country is None:
        return JsonResponse({"count": None, "goal": petition.goal, "countries": None})
    population = europe.population_data()
    return JsonResponse(
        {
            "count": selectors.signature_count(),
            "goal": petition.goal,
            "countries": [
                {
                    "code": row.code,
                    "name": row.name,
                    "count": row.count,
                    "per_million": None if row.per_million is None else round(row.per_million, 2),
                }
                for row in by_country.rows
            ],
            "population": {"source": population["source"], "date": population["date"]},
        }
    )


@require_safe
@counter_page
def numbers(request: HttpRequest) -> HttpResponse:
    """The public numbers: the total and the goal, signatures per country as a map of the
    member states (per million inhabitants) and as a table, without JavaScript."""
    petition = selectors.petition_get(language=_language())
    by_country = selectors.country_numbers(petition=petition)
    context = {
        "petition": petition,
        "numbers": by_country,
        "map": selectors.numbers_map(numbers=by_country) if by_country else None,
        "population": europe.population_data(),
        "population_date": date.fromisoformat(europe.population_data()["date"]),
        "goal_shown": number_format(petition.goal, force_grouping=True),
        **selectors.petition_counter(petition=petition),
    }
    return render(request, "petitions/numbers.html", context)


@require_safe
@loadable_anywhere
@counter_page
def badge(request: HttpRequest) -> HttpResponse:
    """The counter as an image for partners' sites: the campaign's name and the count in the
    URL's language (or a call to sign while the count is hidden). Self-contained SVG."""
    petition = selectors.petition_get(language=_language())
    name = petition.t.title if petition.t else "Stop Scanning Me"
    if petition.statistics_visible:
        count = selectors.signature_count()
        shown = number_format(count, force_grouping=True)
        figure = ngettext("%(count)s signature", "%(count)s signatures", count) % {"count": shown}
    elif petition.is_over:
        figure = _("The petition")
    else:
        figure = _("Sign the petition")
    return render(
        request,
        "petitions/badge.svg",
        _badge_layout(name=name, figure=figure),
        content_type="image/svg+xml",
    )


BADGE_HEIGHT = 36
BADGE_FONT_SIZE = 14
# No font is loaded (the partner's page would fetch it from us): the reader's system sans
# serif draws the text, so its width is estimated generously from the number of characters.
BADGE_CHAR_WIDTH = 0.62 * BADGE_FONT_SIZE
BADGE_PADDING = 12


def _badge_layout(*, name: str, figure: str) -> dict[str, object]:
    """Where the badge's two parts go: the campaign's name on the left, the figure on the
    right."""
    left = round(len(name) * BADGE_CHAR_WIDTH) + 2 * BADGE_PADDING
    right = round(len(figure) * BADGE_CHAR_WIDTH) + 2 * BADGE_PADDING
    return {
        "name": name,
        "figure": figure,
        "height": BADGE_HEIGHT,
        "font_size": BADGE_FONT_SIZE,
        "width": left + right,
        "left": left,
        "right": right,
        "name_x": left / 2,
        "figure_x": left + right / 2,
        "text_y": BADGE_HEIGHT / 2 + BADGE_FONT_SIZE * 0.35,
    }
