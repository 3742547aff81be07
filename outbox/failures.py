"""What went wrong with a send, told without the mail server's words.

A mail server's error text often repeats the address ("550 5.1.1 <anna@example.org>: Recipient
address rejected"), so none of it is stored or logged: only the SMTP reply code and a kind of
problem (OutgoingMail.Problem). Whether the mail is worth another try follows from them:
- a 5xx that refuses the recipient or the message is final: the mail fails at once;
- an address that cannot be written into a mail is final too;
- everything else is retried with backoff: 4xx replies, a server that cannot be reached, times
  out or hangs up, and also a 5xx refusing our sender address or our login, which says the
  server's configuration is wrong, not this mail (failing every queued mail for it would lose
  them all); the admin shows such repeated failures.
"""

import smtplib
import ssl
from dataclasses import dataclass

import nacl.exceptions
from django.template import TemplateDoesNotExist, TemplateSyntaxError

from outbox.models import OutgoingMail

Problem = OutgoingMail.Problem

# Everything that can go wrong between the queue and the mail server: the server refuses or
# is down (OSError, SMTP's errors included), an address it cannot take (ValueError), a
# template that does not render, a payload the outbox key cannot open. Anything else is a bug.
SEND_FAILURES = (
    OSError,
    ValueError,
    TemplateDoesNotExist,
    TemplateSyntaxError,
    nacl.exceptions.CryptoError,
)


@dataclass(frozen=True)
class Failure:
    problem: str
    code: int | None = None
    permanent: bool = False

    def __str__(self) -> str:
        code = f"SMTP {self.code}, " if self.code else ""
        return f"{code}{self.problem}{', permanent' if self.permanent else ''}"


def _final(code: int | None) -> bool:
    return code is not None and 500 <= code < 600


def _code(exc: smtplib.SMTPResponseException) -> int | None:
    return exc.smtp_code if isinstance(exc.smtp_code, int) and exc.smtp_code > 0 else None


def classify(exc: BaseException) -> Failure:
    """The problem `exc` (one of SEND_FAILURES) stands for; never any of its text."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [reply[0] for reply in exc.recipients.values() if isinstance(reply[0], int)]
        code = codes[0] if codes else None
        return Failure(Problem.RECIPIENT_REFUSED, code, permanent=_final(code))
    if isinstance(exc, smtplib.SMTPDataError):
        return Failure(Problem.MESSAGE_REFUSED, _code(exc), permanent=_final(_code(exc)))
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return Failure(Problem.SENDER_REFUSED, _code(exc))
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return Failure(Problem.LOGIN_FAILED, _code(exc))
    if isinstance(exc, smtplib.SMTPConnectError):
        return Failure(Problem.UNREACHABLE, _code(exc))
    if isinstance(exc, smtplib.SMTPResponseException):
        return Failure(Problem.SERVER_ERROR, _code(exc))
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return Failure(Problem.DISCONNECTED)
    if isinstance(exc, smtplib.SMTPException):
        return Failure(Problem.SERVER_ERROR)
    if isinstance(exc, ssl.SSLError):
        return Failure(Problem.TLS)
    if isinstance(exc, TimeoutError):
        return Failure(Problem.TIMEOUT)
    if isinstance(exc, OSError):
        return Failure(Problem.UNREACHABLE)
    if isinstance(exc, ValueError):
        return Failure(Problem.BAD_ADDRESS, permanent=True)
    if isinstance(exc, nacl.exceptions.CryptoError):
        return Failure(Problem.PAYLOAD)
    return Failure(Problem.TEMPLATE)
