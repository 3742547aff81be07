from django import template

from newsletter.forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("newsletter/includes/subscribe_box.html", takes_context=True)
def subscribe_box(context):  # type: ignore[no-untyped-def]
    """The "Stay updated!" subscription form (compact, for the home page)."""
    return {"request": context.get("request"), "form": SubscribeForm(), "compact": True}
