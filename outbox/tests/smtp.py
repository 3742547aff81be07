"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), which can be told to refuse the
next messages with a temporary error, as a busy mail server does."""

import email
import email.policy
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from core.tests.ports import free_port


@dataclass
class RecordingHandler:
    refuse_next: int = 0
    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        if self.refuse_next > 0:
            self.refuse_next -= 1
            return "451 4.3.0 Temporary failure, try again later"
        self.recipients.append(list(envelope.rcpt_tos))
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)  # type: ignore[arg-type]
        )
        return "250 2.0.0 Accepted"


@pytest.fixture
def smtp_server() -> Iterator[RecordingHandler]:
    """A running SMTP server; Django's SMTP backend points at it for the test."""
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=5,
        ):
            yield handler
    finally:
        controller.stop()
