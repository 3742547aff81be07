"""Plain share links (no widgets, no scripts from other sites): the visitor's browser only
contacts a social network when they click."""

import re
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

# A DNS host name as typed by a person ("mastodon.social", "eupolicy.social").
_HOST_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def share_message(*, text: str, url: str) -> str:
    """The text people share: the campaign's share text followed by the page address."""
    text = text.strip()
    if url in text:
        return text
    return f"{text} {url}".strip()


def share_links(*, text: str, url: str, subject: str) -> list[dict[str, str]]:
    message = share_message(text=text, url=url)
    networks = [
        ("x", _("Share on X (Twitter)"), "https://x.com/intent/tweet?", {"text": message}),
        ("bluesky", _("Share on Bluesky"), "https://bsky.app/intent/compose?", {"text": message}),
        ("whatsapp", _("Share on WhatsApp"), "https://wa.me/?", {"text": message}),
        (
            "telegram",
            _("Share on Telegram"),
            "https://t.me/share/url?",
            {"url": url, "text": text.strip()},
        ),
        ("email", _("Share by email"), "mailto:?", {"subject": subject, "body": message}),
    ]
    return [
        {"key": key, "label": str(label), "href": base + urlencode(query, quote_via=quote)}
        for key, label, base, query in networks
    ]


def mastodon_host(value: str) -> str | None:
    """The Mastodon server a visitor typed, as a bare host name, or None if it is not one."""
    host = value.strip().lower()
    host = re.sub(r"^https?://", "", host).split("/", 1)[0].lstrip("@")
    if "@" in host:  # "user@server" -> "server"
        host = host.rsplit("@", 1)[1]
    return host if _HOST_RE.match(host) else None


def mastodon_share_url(*, host: str, text: str, url: str) -> str:
    return f"https://{host}/share?" + urlencode(
        {"text": share_message(text=text, url=url)}, quote_via=quote
    )


def share_text(campaign: Any) -> str:
    """The campaign's text to share in the current language ("" without a campaign)."""
    return campaign.t.share_text if campaign and campaign.t else ""


def share_context(*, campaign: Any, source: str = "") -> dict[str, Any]:
    """What the share block shows: the links per network, the text to copy, and a mail to
    ask a friend (a mailto: link: the visitor's own mail program sends it, never our
    server). `source`, a partner's (checked) source code, stays in the shared address, so
    the signatures it brings still count for that partner."""
    url = settings.SITE_URL + reverse("campaigns:home")
    if source:
        url += "?" + urlencode({"src": source})
    text = share_text(campaign)
    title = campaign.t.title if campaign and campaign.t else ""
    ask = _("I have just signed the petition “%(title)s”. Will you sign too? It takes a minute:")
    body = f"{ask % {'title': title or 'Stop Scanning Me'}}\n\n{url}"
    return {
        "share_source": source,
        "share_url": url,
        "share_message": share_message(text=text, url=url),
        "share_links": share_links(text=text, url=url, subject=title),
        "ask_friend_href": "mailto:?"
        + urlencode({"subject": _("Will you sign too?"), "body": body}, quote_via=quote),
    }
