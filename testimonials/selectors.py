"""Reads of testimonials, each with `.t` (its translation) attached."""

from django.http import Http404

from core.translation import attach_translations, pick_translation, with_translations
from testimonials.models import Testimonial


def testimonial_list(*, language: str) -> list[Testimonial]:
    """Published testimonials that have text in `language` or the default language."""
    queryset = with_translations(Testimonial.objects.published(), language=language)
    return attach_translations(queryset, language=language)


def testimonial_get(*, slug: str, language: str) -> Testimonial:
    """One published testimonial with `.t`; Http404 when unknown or without any usable text."""
    queryset = with_translations(
        Testimonial.objects.published().select_related("group"), language=language
    )
    testimonial = queryset.filter(slug=slug).first()
    if testimonial is None:
        raise Http404
    testimonial.t = pick_translation(testimonial, language=language)  # type: ignore[attr-defined]
    if testimonial.t is None:  # type: ignore[attr-defined]
        raise Http404
    return testimonial
