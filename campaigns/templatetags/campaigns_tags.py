from django import template
from django.utils.translation import get_language

from campaigns.selectors import campaign_current
from campaigns.share import share_context

register = template.Library()


@register.inclusion_tag("campaigns/includes/share.html")
def share_box(*, heading: bool = False, source: str = "") -> dict:
    """The share block (every network, the text to copy, Mastodon, ask a friend by mail),
    for the thank-you page; the home page passes the same context from its view. `source`
    is a partner's source code, already checked, kept in the shared address."""
    campaign = campaign_current(language=get_language())
    return {
        "campaign": campaign,
        "share_heading": heading,
        **share_context(campaign=campaign, source=source),
    }
