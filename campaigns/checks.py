"""`manage.py check --deploy` fails while the privacy page names no real contact: the seed's
placeholder address (or none) where people must be told whom to ask about their data."""

from typing import Any

from django.core.checks import Error, Tags, register
from django.db import DatabaseError

PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net", "example")


def is_placeholder(address: str) -> bool:
    domain = address.rsplit("@", 1)[-1].strip().lower()
    return not address.strip() or any(
        domain == name or domain.endswith("." + name) for name in PLACEHOLDER_DOMAINS
    )


@register(Tags.security, deploy=True)
def privacy_contact_set(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from campaigns.models import Campaign

    try:
        addresses = list(Campaign.objects.values_list("slug", "contact_email"))
    except DatabaseError:
        # No database yet (before the first migrate): there is no campaign to publish.
        return []
    return [
        Error(
            f"The privacy contact of campaign {slug!r} is {email or 'empty'!r}, a placeholder.",
            hint="Set the contact email of the campaign in the admin (Campaigns).",
            id="campaigns.E001",
        )
        for slug, email in addresses
        if is_placeholder(email)
    ]
