"""The campaign's public pages. Thin: selectors read, templates show."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from campaigns import share
from campaigns.selectors import (
    affected_group_list,
    campaign_current,
    campaign_ngo_count,
    privacy_policy,
    reason_list,
)
from campaigns.share import share_context
from coalition.selectors import organisation_list_approved, source_cache_query, source_code_valid
from core import richtext
from core.caching import cached_page
from news.selectors import news_list
from testimonials.selectors import testimonial_list

# Public pages are the same for every reader and carry no cookie: rendered once per language
# and content version, then served from the shared cache (see core.caching).
public_page = cached_page()

HOME_NEWS_COUNT = 8


@require_safe
@cached_page(query=lambda request: source_cache_query(src=request.GET.get("src")))
def home(request: HttpRequest) -> HttpResponse:
    """The home page; with ?src=<partner code> its sign form carries the code, and its share
    links keep it (cached once per approved partner, see coalition.selectors)."""
    language = get_language()
    campaign = campaign_current(language=language)
    source = source_code_valid(request.GET.get("src"))
    context = {
        "campaign": campaign,
        "ngo_count": campaign_ngo_count(campaign=campaign.obj if campaign else None),
        "reasons": reason_list(campaign=campaign.obj, language=language) if campaign else [],
        "testimonials": testimonial_list(language=language),
        "news_items": news_list(language=language, limit=HOME_NEWS_COUNT),
        "organisations": organisation_list_approved(),
        "source": source,
        **share_context(campaign=campaign, source=source),
    }
    return render(request, "campaigns/home.html", context)


@require_safe
@public_page
def how_affected(request: HttpRequest) -> HttpResponse:
    language = get_language()
    campaign = campaign_current(language=language)
    sections = affected_group_list(campaign=campaign.obj, language=language) if campaign else []
    context = {
        "campaign": campaign,
        "sections": sections,
        "ngo_count": campaign_ngo_count(campaign=campaign.obj if campaign else None),
    }
    return render(request, "campaigns/how_affected.html", context)


@require_safe
@public_page
def legal(request: HttpRequest) -> HttpResponse:
    campaign = campaign_current(language=get_language())
    policy = privacy_policy(campaign=campaign.obj, language=get_language()) if campaign else None
    context = {
        "campaign": campaign,
        "policy": policy,
        "policy_html": richtext.markdown_to_html(policy.privacy_policy) if policy else "",
        "retention_days": settings.UNCONFIRMED_RETENTION_DAYS,
        "token_hours": settings.CONFIRMATION_TOKEN_HOURS,
    }
    return render(request, "campaigns/legal.html", context)


@require_safe
def share_mastodon(request: HttpRequest) -> HttpResponse:
    """Send the visitor to the share page of their own Mastodon server (works without JS);
    an invalid server name shows the form again with an error.

    Only our own form redirects: the browser says so in `Sec-Fetch-Site`. A link from
    anywhere else (which could name any host) gets a page showing where it leads instead,
    so the site is never an open redirect."""
    campaign = campaign_current(language=get_language())
    instance = request.GET.get("instance", "")[:300]
    host = share.mastodon_host(instance)
    if host is not None:
        url = share_context(campaign=campaign, source=source_code_valid(request.GET.get("src")))[
            "share_url"
        ]
        target = share.mastodon_share_url(host=host, text=share.share_text(campaign), url=url)
        if request.headers.get("Sec-Fetch-Site") == "same-origin":
            return HttpResponseRedirect(target)
        context = {"campaign": campaign, "instance": host, "target": target, "host": host}
        return render(request, "campaigns/share_mastodon.html", context)
    context = {"campaign": campaign, "instance": instance, "invalid": "instance" in request.GET}
    return render(request, "campaigns/share_mastodon.html", context, status=200)
