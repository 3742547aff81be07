from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from core.caching import cached_page
from testimonials.selectors import testimonial_get


@require_safe
@cached_page()
def testimonial_detail(request: HttpRequest, slug: str) -> HttpResponse:
    testimonial = testimonial_get(slug=slug, language=get_language())
    if testimonial is None:
        raise Http404
    return render(request, "testimonials/detail.html", {"testimonial": testimonial})
