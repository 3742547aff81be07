"""The mail texts a campaign can reword in the admin (outbox.MailText), and their defaults.

A text is Markdown (core.richtext: links, emphasis, lists, headings) with placeholders in
single braces, `{confirm_url}`, filled in when the mail is written. Each kind of mail lists the
placeholders it knows; a text with any other `{word}` is refused, and one that lacks a
required placeholder (the link the mail exists for) too. Values are inserted as they are in
the plain-text part; in the HTML part a name is escaped first, so it can add no link or
formatting. Links are written `[words]({confirm_url})`.

Without a campaign text for a mail and a language, the mail is written from its shipped
templates (`<app>/templates/<app>/mail/`), translated through gettext. The same sentences,
from the same translation files, are the default a campaigner starts from in the admin.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from core import richtext

PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]*)\}")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&])")


@dataclass(frozen=True)
class MailKind:
    key: str  # the template name the senders queue (outbox.services.mail_enqueue)
    label: Promise
    # Placeholder -> the key of the mail's context that fills it.
    placeholders: Mapping[str, str]
    required: tuple[str, ...]
    default_subject: Callable[[], str]
    default_body: Callable[[], str]
    # Placeholders whose values are text written by people (a name): escaped in HTML.
    text_values: tuple[str, ...] = ()
    has_subject: bool = True
    descriptions: Mapping[str, Promise] = field(default_factory=dict)


def _hours(msgid: str) -> str:
    return gettext(msgid) % {"hours": "{hours}"}


def _link(label: str, placeholder: str) -> str:
    return f"[{label}]({{{placeholder}}})"


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(parts)


DESCRIPTIONS: dict[str, Promise] = {
    "confirm_url": _("the confirmation link"),
    "delete_url": _("the link that deletes the signature"),
    "unsubscribe_url": _("the unsubscribe link"),
    "hours": _("how many hours the link works"),
    "name": _("the organisation's name"),
    "coalition_url": _("the address of the site"),
    "site_url": _("the address of the site"),
}

KINDS: dict[str, MailKind] = {
    kind.key: kind
    for kind in [
        MailKind(
            key="petitions/mail/confirm",
            label=_("Petition: please confirm your signature"),
            placeholders={
                "confirm_url": "confirm_url",
                "delete_url": "delete_url",
                "hours": "expires_hours",
                "site_url": "site_url",
            },
            required=("confirm_url", "delete_url"),
            default_subject=lambda: gettext("Please confirm your signature"),
            default_body=lambda: _paragraphs(
                gettext("Hello,"),
                gettext(
                    "Thank you for signing the Stop Scanning Me petition. Your signature only "
                    "counts once you confirm it. Open this link and press the button on the page:"
                ),
                _link(gettext("Confirm my signature"), "confirm_url"),
                _hours(
                    "The link works for %(hours)s hours. If you did not sign, you can ignore "
                    "this email: without confirmation, the signature is deleted after a few days."
                ),
                _link(gettext("Delete my signature"), "delete_url"),
            ),
        ),
        MailKind(
            key="petitions/mail/already_signed",
            label=_("Petition: you have already signed"),
            placeholders={"delete_url": "delete_url", "site_url": "site_url"},
            required=("delete_url",),
            default_subject=lambda: gettext("You have already signed"),
            default_body=lambda: _paragraphs(
                gettext("Hello,"),
                gettext(
                    "Someone, probably you, just signed the Stop Scanning Me petition again with "
                    "this email address. Your signature was already confirmed, so it counts once "
                    "and nothing has changed. We only tell you this by email: the website showed "
                    "the same message as for every other signature."
                ),
                _link(gettext("Delete my signature"), "delete_url"),
            ),
        ),
        MailKind(
            key="newsletter/mail/confirm",
            label=_("Newsletter: please confirm your subscription"),
            placeholders={
                "confirm_url": "confirm_url",
                "unsubscribe_url": "unsubscribe_url",
                "hours": "hours",
                "site_url": "site_url",
            },
            required=("confirm_url",),
            default_subject=lambda: gettext(
                "Please confirm your subscription to the Stop Scanning Me newsletter"
            ),
            default_body=lambda: _paragraphs(
                gettext("Hello,"),
                gettext(
                    "Someone, probably you, asked to receive the Stop Scanning Me newsletter at "
                    "this address. To confirm, open this link and press the button:"
                ),
                _link(gettext("Confirm my subscription"), "confirm_url"),
                _hours(
                    "The link works for %(hours)s hours. If you did not ask for this, ignore "
                    "this email: without confirmation we delete the request."
                ),
                _link(gettext("Unsubscribe"), "unsubscribe_url"),
            ),
        ),
        MailKind(
            key="newsletter/mail/already_subscribed",
            label=_("Newsletter: you are already subscribed"),
            placeholders={"unsubscribe_url": "unsubscribe_url", "site_url": "site_url"},
            required=("unsubscribe_url",),
            default_subject=lambda: gettext(
                "You are already subscribed to the Stop Scanning Me newsletter"
            ),
            default_body=lambda: _paragraphs(
                gettext("Hello,"),
                gettext(
                    "Someone, probably you, asked to subscribe this address to the Stop Scanning "
                    "Me newsletter. It is already subscribed, so nothing has changed. Nobody "
                    "else was told."
                ),
                gettext(
                    "If you want to stop receiving the newsletter, open this link and press "
                    "the button:"
                ),
                _link(gettext("Unsubscribe"), "unsubscribe_url"),
            ),
        ),
        MailKind(
            key="coalition/mail/confirm",
            label=_("Coalition: please confirm the application"),
            placeholders={"confirm_url": "confirm_url", "hours": "hours", "site_url": "site_url"},
            required=("confirm_url",),
            default_subject=lambda: gettext(
                "Please confirm your application to join the Stop Scanning Me coalition"
            ),
            default_body=lambda: _paragraphs(
                gettext("Hello,"),
                gettext(
                    "Someone, probably you, applied for an organisation to join the Stop "
                    "Scanning Me coalition, with this address as contact. Open this link to see "
                    "the application, and press the button on that page to confirm it:"
                ),
                _link(gettext("See and confirm the application"), "confirm_url"),
                _hours(
                    "The link works for %(hours)s hours. If you did not apply, ignore this "
                    "email: without confirmation we delete the application."
                ),
            ),
        ),
        MailKind(
            key="coalition/mail/approved",
            label=_("Coalition: the organisation is approved"),
            placeholders={"name": "name", "coalition_url": "site_url_home", "site_url": "site_url"},
            required=(),
            text_values=("name",),
            default_subject=lambda: gettext("Welcome to the Stop Scanning Me coalition"),
            default_body=lambda: _paragraphs(
                gettext("Hello,"),
                gettext(
                    "%(name)s has been approved and now appears among the organisations of the "
                    "Stop Scanning Me coalition:"
                )
                % {"name": "{name}"},
                _link("{coalition_url}", "coalition_url"),
                gettext("Thank you for joining us."),
            ),
        ),
        MailKind(
            key="newsletter/mail/update",
            label=_("Updates: the footer under every update"),
            placeholders={"unsubscribe_url": "unsubscribe_url", "site_url": "site_url"},
            required=("unsubscribe_url",),
            has_subject=False,
            default_subject=lambda: "",
            default_body=lambda: (
                gettext("You receive this because you subscribed to the Stop Scanning Me updates.")
                + " "
                + _link(gettext("Unsubscribe"), "unsubscribe_url")
            ),
        ),
    ]
}


def kind_choices() -> list[tuple[str, Promise]]:
    return [(kind.key, kind.label) for kind in KINDS.values()]


def placeholders_in(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def problems(*, kind: MailKind, subject: str, body: str) -> list[str]:
    """What keeps a text from being saved, in the campaigner's language (empty: none)."""
    found: list[str] = []
    known = set(kind.placeholders)
    unknown = sorted({name for name in placeholders_in(subject + "\n" + body)} - known)
    if unknown:
        found.append(
            gettext("Unknown placeholders: %(unknown)s. This mail knows: %(known)s.")
            % {
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in kind.placeholders),
            }
        )
    missing = [name for name in kind.required if name not in placeholders_in(body)]
    if missing:
        found.append(
            gettext("The text must contain %(missing)s: without it the mail is of no use.")
            % {"missing": ", ".join(f"{{{name}}}" for name in missing)}
        )
    return found


def default_text(kind: MailKind, language: str) -> tuple[str, str]:
    """The shipped subject and body of `kind` in `language` (gettext), as Markdown."""
    with override(language):
        return kind.default_subject(), kind.default_body()


def _fill(text: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def _values(kind: MailKind, context: Mapping[str, Any]) -> dict[str, str]:
    return {name: str(context.get(key, "")) for name, key in kind.placeholders.items()}


def plain_text(markdown: str) -> str:
    """The plain-text part: the Markdown as written (it reads as text), a link as
    "words: address" so the address can be copied."""

    def link(match: re.Match[str]) -> str:
        words, address = match.group(1), match.group(2)
        return address if words == address else f"{words}:\n{address}"

    return _MARKDOWN_LINK.sub(link, markdown).strip()


def render(
    kind: MailKind, *, subject: str, body: str, context: Mapping[str, Any]
) -> tuple[str, str, str]:
    """A campaign text written out for one mail: (subject, plain text, HTML fragment)."""
    values = _values(kind, context)
    escaped = {
        name: _MARKDOWN_SPECIAL.sub(r"\\\1", value) if name in kind.text_values else value
        for name, value in values.items()
    }
    text = _fill(plain_text(body), values)
    html = richtext.markdown_to_html(_fill(body, escaped))
    return " ".join(_fill(subject, values).split()), text, html


def sample_context(kind: MailKind) -> dict[str, Any]:
    """Values for the admin's preview: example links that lead nowhere."""
    site = str(settings.SITE_URL)
    samples = {
        "confirm_url": f"{site}/confirm/EXAMPLE/",
        "delete_url": f"{site}/delete/EXAMPLE/",
        "unsubscribe_url": f"{site}/unsubscribe/EXAMPLE/",
        "hours": str(settings.CONFIRMATION_TOKEN_HOURS),
        "name": gettext("Example organisation"),
        "coalition_url": f"{site}/",
        "site_url": site,
    }
    return {key: samples[name] for name, key in kind.placeholders.items()}


def render_mail(
    kind: MailKind, *, subject: str, body: str, context: Mapping[str, Any], language: str
) -> tuple[str, str, str]:
    """The whole mail of a campaign text: (subject, plain-text part, HTML part)."""
    subject, text, fragment = render(kind, subject=subject, body=body, context=context)
    site = str(context.get("site_url", settings.SITE_URL))
    with override(language):
        html = render_to_string(
            "mail/text.html",
            {"subject": subject, "body_html": fragment, "site_url": site, "language": language},
        )
    return subject, f"{text}\n\nStop Scanning Me\n{site}\n", html
