"""What the apps' tests share: links in mails, form tokens, admin forms with translations,
a dump of the whole database."""

import itertools
import re
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as examples

from core.formguard import TOKEN_FIELD

# Hostile input thrown at a public form: enough examples to find the odd character, with
# the test client and database of the test (a function-scoped fixture) shared by them all.
FORM_EXAMPLES = examples(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_sources = itertools.count(1)


def new_source() -> str:
    """A new client address: generated examples each come from their own source, because
    every POST counts against its source's hourly limit and these tests are about
    validation, not the limit."""
    n = next(_sources)
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


LINK = re.compile(r"https?://[^\s<>\"]+")
_TOKEN = re.compile(rf'name="{TOKEN_FIELD}" value="([^"]+)"')


def links_in(message: EmailMessage) -> list[str]:
    """Every link in the plain-text body of a mail, in order."""
    return LINK.findall(str(message.body))


def path_of(url: str) -> str:
    """The site-relative path of an absolute link from a mail (it must point at SITE_URL)."""
    assert url.startswith(settings.SITE_URL + "/"), url
    return url[len(settings.SITE_URL) :]


def form_token(client: Client, url: str) -> str:
    """Load the page as a browser would and take the form token it carries."""
    match = _TOKEN.search(client.get(url).content.decode())
    assert match, f"{url} has no form token"
    return match.group(1)


def without_form_token(content: bytes) -> str:
    """A page with its (always fresh) form token taken out, to compare two answers."""
    return _TOKEN.sub("", content.decode())


def inline_data(rows: list[dict[str, Any]], *, prefix: str = "translations") -> dict[str, Any]:
    """An admin add form's translation inline: the management form plus one form per row."""
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "1",
        f"{prefix}-MAX_NUM_FORMS": str(len(settings.LANGUAGES)),
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def change_data(obj: Any, rows: list[dict[str, Any]], fields: dict[str, Any]) -> dict[str, Any]:
    """Data for the admin change form of `obj`: its existing translations (with their ids)
    updated by `rows` (matched by language), and `fields` for the object itself."""
    existing = list(obj.translations.order_by("id"))
    data = inline_data([])
    data["translations-INITIAL_FORMS"] = str(len(existing))
    data["translations-TOTAL_FORMS"] = str(len(existing))
    for index, translation in enumerate(existing):
        row = next((r for r in rows if r["language"] == translation.language), {})
        data[f"translations-{index}-id"] = str(translation.pk)
        data[f"translations-{index}-parent"] = str(obj.pk)
        for field in translation._meta.concrete_fields:
            if field.name in ("id", "parent"):
                continue
            value = row.get(field.name, getattr(translation, field.name))
            data[f"translations-{index}-{field.name}"] = value
    data.update(fields)
    return data


def admin_add(client: Client, url: str, fields: dict[str, Any], rows: list[dict[str, Any]]):
    """Send an admin add form: the object's `fields` and one translation row per dict."""
    return client.post(url, {**fields, **inline_data(rows)})


def dump_rows() -> tuple[str, bytes]:
    """Every value of every table, as text and as raw bytes (BLOBs read as latin-1 too)."""
    texts: list[str] = []
    blobs: list[bytes] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview | bytes | bytearray):
                        raw = bytes(value)
                        blobs.append(raw)
                        texts.append(raw.decode("latin-1"))
                    elif value is not None:
                        texts.append(str(value))
                        blobs.append(str(value).encode())
    if connection.vendor == "sqlite":
        texts.extend(connection.connection.iterdump())
    return "\n".join(texts), b"\n".join(blobs)
