from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from core.caching import cached_page
from news.selectors import news_get, news_list

public_page = cached_page()


@require_safe
@public_page
def news_index(request: HttpRequest) -> HttpResponse:
    return render(request, "news/list.html", {"news_items": news_list(language=get_language())})


@require_safe
@public_page
def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = news_get(slug=slug, language=get_language())
    if item is None:
        raise Http404
    return render(request, "news/detail.html", {"item": item})
