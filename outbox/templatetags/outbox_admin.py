from django import template

from outbox import selectors

register = template.Library()


@register.simple_tag
def outbox_trouble() -> selectors.Trouble:
    """Mails that failed for good or keep failing, for the notice on the admin's pages."""
    return selectors.outbox_trouble()
