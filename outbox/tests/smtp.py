"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd). It can be told to refuse the next
messages with a temporary error, as a busy mail server does, to refuse every recipient with
a reply of its own (which, like real servers, may name the address), and to wait before
saying it accepted a message (the moment a crash makes SMTP ambiguous)."""

import asyncio
import email
import email.policy
import threading
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
    # A reply to every RCPT TO instead of accepting it; "{address}" is the recipient.
    refuse_recipients: str = ""
    # Seconds between taking a message (counted) and saying so; `accepting` is set meanwhile.
    reply_delay: float = 0.0
    accepting: threading.Event = field(default_factory=threading.Event)
    # Seconds to take over each message after receiving it, before saying so: a slow server, so
    # that a test stepping through a long send finds mail still to come.
    pace: float = 0.0
    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    refused_ids: list[str] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        if self.refuse_recipients:
            return self.refuse_recipients.format(address=address)
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)  # type: ignore[arg-type]
        if self.refuse_next > 0:
            self.refuse_next -= 1
            self.refused_ids.append(str(message["Message-ID"]))
            return "451 4.3.0 Temporary failure, try again later"
        self.recipients.append(list(envelope.rcpt_tos))
        self.messages.append(message)  # type: ignore[arg-type]
        if self.pace:
            await asyncio.sleep(self.pace)
        if self.reply_delay:
            self.accepting.set()
            try:  # a client that hangs up meanwhile cancels this
                await asyncio.sleep(self.reply_delay)
            finally:
                self.accepting.clear()
        return "250 2.0.0 Accepted"

    @property
    def message_ids(self) -> list[str]:
        return [str(message["Message-ID"]) for message in self.messages]


def smtp_settings(port: int) -> dict[str, object]:
    """Django's mail settings for the server on `port` (the outbox's SMTP backend)."""
    return {
        "EMAIL_BACKEND": "outbox.backends.SMTPBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_TIMEOUT": 5,
    }


@pytest.fixture
def smtp_server() -> Iterator[RecordingHandler]:
    """A running SMTP server; the outbox's SMTP backend points at it for the test."""
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(**smtp_settings(port)):
            yield handler
    finally:
        controller.stop()
