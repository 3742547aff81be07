"""Log lines never carry the secrets of links sent by mail, nor an email address.

Confirmation, deletion and unsubscribe links hold a token that acts for the person it was
mailed to. Django logs the path of every 4xx (`django.request`: "Not Found: /nl/sign/
confirm/<token>/"), and so would any access log; whoever reads the log could then confirm,
delete or unsubscribe for someone. `RedactTokens` replaces the token in every such path with
`[redacted]` before any handler writes the line, and every email address (a database error
can quote a row, a mail server's refusal names its recipient) with `[address]`, in the
message and in the traceback of an exception alike.
"""

import logging
import re

# A path segment after one of the link words, up to the next slash, space, quote or query.
_TOKEN_PATH = re.compile(r"(/(?:confirm|delete|unsubscribe)/)[^/\s?#\"']+")
# Anything shaped like an address: a local part, @, a domain with a dot.
# Bounded lengths keep the work linear on a hostile line (a path of ten thousand `@`).
_PART = r"[^\s@<>()\[\]\"',;:]"
_ADDRESS = re.compile(rf"{_PART}{{1,64}}@{_PART}{{1,253}}\.{_PART}{{1,63}}")
REDACTED = "[redacted]"


def redact(text: str) -> str:
    return _ADDRESS.sub("[address]", _TOKEN_PATH.sub(rf"\g<1>{REDACTED}", text))


class RedactTokens(logging.Filter):
    """A handler filter: the record's message and traceback, tokens and addresses redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            # Formatted here (as a formatter would) so that the handler writes this text.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        # Django attaches the request; a formatter or handler (AdminEmailHandler) that shows
        # it would print the path again.
        request = getattr(record, "request", None)
        if request is not None and _TOKEN_PATH.search(getattr(request, "path", "")):
            record.request = None
        return True
