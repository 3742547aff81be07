"""Mail backends.

SMTPBackend is Django's SMTP backend with one addition, the moment of hand-over: it calls
`before_end_of_data()` once the whole message has gone to the server and before the final
"." that makes the server take it (RFC 5321, 4.1.1.4: a server must not deliver a message
whose end of data never came). The outbox records the hand-over there, in the database, so a
worker killed at any moment leaves a mail either certainly not delivered (resend it) or with
the server (never send it again): see outbox.services.

EmlFolderBackend is for development: every message is written to OUTBOX_EML_DIR as one .eml
file, so a person can open it in a mail program (or a text editor) and click its links. If
EMAIL_RELAY_BACKEND is set, messages are also handed to it (e.g. SMTP).
"""

import re
import smtplib
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend
from django.utils import timezone

Hook = Callable[[], None]
_LINE_START_DOT = re.compile(rb"(?m)^\.")


def _data(client: smtplib.SMTP, msg: Any, hook: Hook | None) -> tuple[int, bytes]:
    """smtplib's DATA, stopping before the end of data to call `hook`. If the hook raises,
    the connection is dropped without the end of data: the server discards what it got."""
    client.putcmd("data")
    code, reply = client.getreply()
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)
    body = msg.encode("ascii") if isinstance(msg, str) else bytes(msg)
    body = _LINE_START_DOT.sub(b"..", body)  # dot-stuffing, RFC 5321 4.5.2
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    client.send(body)
    if hook is not None:
        try:
            hook()
        except BaseException:
            client.close()
            raise
    client.send(b".\r\n")
    return client.getreply()


class _SMTP(smtplib.SMTP):
    before_end_of_data: Hook | None = None

    def data(self, msg: Any) -> tuple[int, bytes]:
        return _data(self, msg, self.before_end_of_data)


class _SMTPSSL(smtplib.SMTP_SSL):
    before_end_of_data: Hook | None = None

    def data(self, msg: Any) -> tuple[int, bytes]:
        return _data(self, msg, self.before_end_of_data)


class SMTPBackend(EmailBackend):
    """Django's SMTP backend, calling `before_end_of_data` (when set) in every DATA."""

    before_end_of_data: Hook | None = None

    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        return _SMTPSSL if self.use_ssl else _SMTP

    def _send(self, email_message: Any) -> bool:
        client: Any = self.connection
        if client is not None:
            client.before_end_of_data = self.before_end_of_data
        return bool(super()._send(email_message))  # type: ignore[misc]


class EmlFolderBackend(BaseEmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        folder = Path(settings.OUTBOX_EML_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
            (folder / name).write_bytes(message.message().as_bytes())
        relay = settings.EMAIL_RELAY_BACKEND
        if relay:
            get_connection(relay, fail_silently=self.fail_silently).send_messages(email_messages)
        return len(email_messages)
