from django import template
from django.conf import settings
from django.utils.translation import get_language

from coalition.selectors import source_code_valid
from petitions import selectors
from petitions.forms import SignForm

register = template.Library()


@register.inclusion_tag("petitions/includes/sign_box.html", takes_context=True)
def sign_box(context):  # type: ignore[no-untyped-def]
    """The petition form with the counter, as shown on the home page: an unbound form (the
    `{% form_token %}` in it is fresh on every render)."""
    petition = selectors.petition_get(language=get_language() or settings.LANGUAGE_CODE)
    request = context.get("request")
    # A partner's link (?src=) travels in the form; the page is cached per known code.
    source = source_code_valid(request.GET.get("src")) if request is not None else ""
    return {
        "request": request,
        "petition": petition,
        "form": SignForm(consent_text=petition.consent_text, initial={"src": source}),
        **selectors.petition_counter(petition=petition),
    }
