from django import template

register = template.Library()


@register.inclusion_tag("petitions/includes/sign_box.html", takes_context=True)
def sign_box(context):  # type: ignore[no-untyped-def]
    """The petition form with the counter, as shown on the home page."""
    return {"request": context.get("request")}
