import re

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from core import formguard
from core.images import SPECS, Responsive, responsive

register = template.Library()


@register.simple_tag
def lang_attr(translation) -> str:
    """`lang="xx"` on an element whose text is a fallback in another language."""
    # Missing objects resolve to "" in templates: only a real fallback gets the attribute.
    if getattr(translation, "is_fallback", False):
        return format_html(' lang="{}"', translation.language)
    return ""


@register.simple_tag
def form_token(form) -> str:
    """The hidden fields every public form carries instead of a CSRF cookie: a token for
    this very form, and the honeypot."""
    return format_html(
        '<input type="hidden" name="{}" value="{}">'
        '<div class="hp" aria-hidden="true"><label>{}<input type="text" name="{}" '
        'tabindex="-1" autocomplete="off"></label></div>',
        formguard.TOKEN_FIELD,
        formguard.issue_token(form.token_scope()),
        gettext("Leave this field empty"),
        formguard.HONEYPOT_FIELD,
    )


@register.filter
def paragraphs(text: str) -> list[str]:
    """Text split at blank lines into its paragraphs (as `linebreaks` splits it)."""
    return [part.strip() for part in re.split(r"\n\s*\n", str(text or "").strip()) if part.strip()]


@register.simple_tag
def image_sizes(stored, kind: str) -> Responsive:
    """The `src` and `srcset` of a stored image's WebP sizes (core.images)."""
    return responsive(storage=stored.storage, name=stored.name, spec=SPECS[kind])
