from django import template

register = template.Library()


@register.inclusion_tag("newsletter/includes/subscribe_box.html", takes_context=True)
def subscribe_box(context):  # type: ignore[no-untyped-def]
    """The "Stay updated!" subscription form."""
    return {"request": context.get("request")}
