"""After subscribing and applying to the coalition, no table holds a readable name or
email address: not in text columns, not in binary ones."""

import pytest
from django.db import connection
from django.test import override_settings

from coalition.tests.factories import image_upload
from outbox.tests.smtp import free_port

pytestmark = pytest.mark.django_db(transaction=True)

SUBSCRIBER = "Wilhelmina.Lezer+nb@Voorbeeld.nl"
CONTACT_EMAIL = "secretariaat@burgerrechten.example"
CONTACT_NAME = "Pieternella Zwanenburg"


def dump_database() -> list[bytes]:
    """Every value of every row of every table, as bytes."""
    values: list[bytes] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | bytearray | memoryview):
                        values.append(bytes(value))
                    elif value is not None:
                        values.append(str(value).encode())
    return values


def needles() -> list[bytes]:
    words = [SUBSCRIBER, SUBSCRIBER.lower(), "wilhelmina.lezer", CONTACT_EMAIL, CONTACT_NAME]
    words += ["Zwanenburg", "Pieternella", "secretariaat@", "voorbeeld.nl"]
    found = []
    for word in words:
        found += [word.encode(), word.lower().encode(), word.encode("utf-16-le")]
    return found


def act(form_post) -> None:
    assert form_post("/nl/newsletter/", {"email": SUBSCRIBER}).status_code == 302
    application = {
        "name": "Burgerrechten Test",
        "website": "https://burgerrechten.example",
        "country": "NL",
        "contact_email": CONTACT_EMAIL,
        "contact_name": CONTACT_NAME,
        "statement": "",
        "logo": image_upload(),
    }
    assert form_post("/nl/coalition/join/", application).status_code == 302


@pytest.mark.parametrize("mail_server_down", [False, True], ids=["mail-sent", "mail-queued"])
def test_no_readable_personal_data_in_the_database(form_post, mail_server_down):
    """Whether the mails went out or still wait in the outbox, the database dump holds none
    of the names or addresses used."""
    if mail_server_down:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=free_port(),  # nothing listens there
            EMAIL_TIMEOUT=2,
        ):
            act(form_post)
    else:
        act(form_post)
    values = dump_database()
    assert any(b"Burgerrechten Test" in value for value in values)  # the dump works
    for needle in needles():
        assert not any(needle in value for value in values), needle
