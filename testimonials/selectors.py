"""Reads of testimonials, each with its translation for the reader."""

from core.translation import Translated, translated, with_translations
from testimonials.models import Testimonial, TestimonialTranslation

ShownTestimonial = Translated[Testimonial, TestimonialTranslation]


def testimonial_list(*, language: str) -> list[ShownTestimonial]:
    """Published testimonials that have text in `language` or the default language."""
    queryset = with_translations(Testimonial.objects.published(), language=language)
    return translated(queryset, language=language)


def testimonial_get(*, slug: str, language: str) -> ShownTestimonial | None:
    """One published testimonial, or None when it is unknown or has no usable text."""
    queryset = with_translations(
        Testimonial.objects.published().select_related("group").filter(slug=slug),
        language=language,
    )
    return next(iter(translated(queryset, language=language)), None)
