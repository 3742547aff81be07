"""Log lines never carry the secrets of links sent by mail.

Confirmation, deletion and unsubscribe links hold a token that acts for the person it was
mailed to. Django logs the path of every 4xx (`django.request`: "Not Found: /nl/sign/
confirm/<token>/"), and so would any access log; whoever reads the log could then confirm,
delete or unsubscribe for someone. `RedactTokens` replaces the token in every such path with
`[redacted]` before any handler writes the line.
"""

import logging
import re

# A path segment after one of the link words, up to the next slash, space, quote or query.
_TOKEN_PATH = re.compile(r"(/(?:confirm|delete|unsubscribe)/)[^/\s?#\"']+")
REDACTED = "[redacted]"


def redact(text: str) -> str:
    return _TOKEN_PATH.sub(rf"\g<1>{REDACTED}", text)


class RedactTokens(logging.Filter):
    """A handler filter: the record's formatted message, with tokens in paths redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        # Django attaches the request; a formatter or handler (AdminEmailHandler) that shows
        # it would print the path again.
        request = getattr(record, "request", None)
        if request is not None and _TOKEN_PATH.search(getattr(request, "path", "")):
            record.request = None
        return True
