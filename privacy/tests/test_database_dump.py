"""The campaign's promise, checked on the whole database: after people sign (and subscribe
and apply, where those apps exist), a full dump contains none of their names or addresses,
in any case, as text or as bytes, once their mails have been sent."""

import inspect
import re
from importlib import import_module

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings

from outbox.models import OutgoingMail
from outbox.services import mail_deliver_due
from petitions import services as petition_services
from petitions.models import Signature
from petitions.tests.conftest import form_token, path_of, petition  # noqa: F401 (a fixture)

SIGNERS = [
    ("Griselda", "Vanderkwast", "Griselda.Vanderkwast@Example.net"),
    ("Þórhildur", "Ægisdóttir", "thorhildur+petitie@voorbeeld.nl"),
    ("Wojciech", "Szczęsny-Brzęczyszczykiewicz", "w.szczesny@gmail.com"),
]
SUBSCRIBER = "nieuwsbrief.lezer@posteo.example"
CONTACT = ("Hendrikje Bloemkool", "hendrikje.bloemkool@ngo.example")


def _service(path: str):  # type: ignore[no-untyped-def]
    module_name, _dot, name = path.rpartition(".")
    try:
        return getattr(import_module(module_name), name, None)
    except ImportError:
        return None


def _subscribe() -> list[str]:
    subscribe = _service("newsletter.services.subscription_request")
    if subscribe is None:
        return []
    subscribe(email=SUBSCRIBER, language="nl")
    return [SUBSCRIBER]


def _apply() -> list[str]:
    apply = _service("coalition.services.organisation_apply")
    if apply is None:
        return []
    wanted = {
        "name": "Stichting Digitale Vrijheid",
        "website": "https://ngo.example",
        "country": "NL",
        "contact_email": CONTACT[1],
        "contact_name": CONTACT[0],
        "statement": "Wij steunen de campagne.",
        "logo": None,
        "language": "nl",
    }
    parameters = inspect.signature(apply).parameters
    if not set(parameters) <= set(wanted):
        return []  # the coalition service has changed shape; it keeps its own tests
    apply(**{key: wanted[key] for key in parameters})
    return [*CONTACT, *CONTACT[0].split()]


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


def forms_of(secret: str) -> set[str]:
    return {secret, secret.lower(), secret.upper(), secret.casefold()}


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_database_holds_no_name_or_address(client, petition):  # noqa: F811
    """Signers sign (one confirms), a reader subscribes, an organisation applies; the queued
    mails are sent by the worker; then no name or address is anywhere in the database."""
    for first, last, email in SIGNERS:
        response = client.post(
            "/nl/sign/",
            {
                "form_token": form_token(client, "/nl/sign/"),
                "first_name": first,
                "last_name": last,
                "email": email,
                "country": "NL",
                "consent": "on",
            },
        )
        assert response.status_code == 302
    secrets = [part for person in SIGNERS for part in person]
    secrets += _subscribe()
    secrets += _apply()

    # While queued, the address is in the outbox, encrypted with the server's key.
    assert OutgoingMail.objects.count() >= len(SIGNERS)
    # What the worker's periodic job does (running the whole worker loop here would close
    # the test's database connection on PostgreSQL).
    mail_deliver_due()
    assert not OutgoingMail.objects.exists()
    assert len(mail.outbox) >= len(SIGNERS)

    message = next(m for m in mail.outbox if m.to == [SIGNERS[0][2]])
    confirm = next(u for u in re.findall(r"https?://\S+", message.body) if "/confirm/" in u)
    assert client.post(path_of(confirm)).status_code == 302
    petition_services.tallies_update()
    assert Signature.objects.confirmed().count() == 1

    text, raw = dump_rows()
    assert len(text) > 1000
    for secret in secrets:
        for form in forms_of(secret):
            assert form not in text, f"{form!r} found in the database"
            assert form.encode() not in raw, f"{form!r} found in the database as bytes"
    for _first, _last, email in SIGNERS:
        local = email.split("@")[0].lower()
        assert local not in text.lower()
