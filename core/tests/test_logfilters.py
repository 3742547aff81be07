"""Tokens of mailed links never reach the log."""

import io
import logging

import pytest

from core.logfilters import RedactTokens, redact

TOKEN = "AbC123-secret_token.value:xyz"


def _handler(name: str) -> logging.Handler:
    for handler in logging.getLogger(name).handlers:
        if any(isinstance(f, RedactTokens) for f in handler.filters):
            return handler
    raise AssertionError(f"no redacting handler on {name!r}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        f"/nl/sign/confirm/{TOKEN}/",
        f"/nl/sign/delete/{TOKEN}/",
        f"/en/newsletter/unsubscribe/{TOKEN}/",
        f"/nl/newsletter/confirm/{TOKEN}/",
        f"/nl/coalition/join/confirm/{TOKEN}/",
    ],
)
def test_django_request_warnings_of_token_links_are_redacted(client, path):
    """A made-up (or expired) token answers 404, which django.request logs with its path: the
    line the console handler writes names the page but not the token."""
    handler = _handler("")
    out = io.StringIO()
    # Swapped without setStream, which flushes the old stream: a runner may have closed it.
    old, handler.stream = handler.stream, out  # type: ignore[attr-defined]
    try:
        assert client.get(path).status_code == 404
    finally:
        handler.stream = old  # type: ignore[attr-defined]
    written = out.getvalue()
    assert "Not Found" in written
    assert TOKEN not in written and TOKEN[:10] not in written
    assert "[redacted]" in written


def test_runserver_access_lines_are_redacted():
    """runserver's access log (django.server) goes through the same filter."""
    handler = _handler("django.server")
    out = io.StringIO()
    # Swapped without setStream, which flushes the old stream: a runner may have closed it.
    old, handler.stream = handler.stream, out  # type: ignore[attr-defined]
    try:
        logging.getLogger("django.server").info(
            '"%s" %s %s', f"GET /nl/sign/delete/{TOKEN}/ HTTP/1.1", 200, 512
        )
    finally:
        handler.stream = old  # type: ignore[attr-defined]
    assert TOKEN not in out.getvalue()
    assert "/nl/sign/delete/[redacted]/" in out.getvalue()


def test_redact_keeps_everything_else():
    assert redact("Not Found: /nl/news/confirm-this/") == "Not Found: /nl/news/confirm-this/"
    assert redact("/nl/sign/confirm/abc?x=1 and /en/sign/delete/def") == (
        "/nl/sign/confirm/[redacted]?x=1 and /en/sign/delete/[redacted]"
    )


def test_addresses_are_redacted_from_messages_and_tracebacks():
    """A database error quoting a row, or a refusal naming a recipient, in the worker's log:
    the line and its traceback keep everything but the address."""
    handler = _handler("")
    out = io.StringIO()
    # Swapped without setStream, which flushes the old stream: a runner may have closed it.
    old, handler.stream = handler.stream, out  # type: ignore[attr-defined]
    try:
        try:
            raise ValueError("duplicate key (email)=(Someone.Private+tag@Mail.example.org)")
        except ValueError:
            logging.getLogger("core.management.commands.run_worker").exception(
                "Periodic job %s failed for %s", "mail_deliver_due", "other@example.net"
            )
    finally:
        handler.stream = old  # type: ignore[attr-defined]
    written = out.getvalue()
    assert "Periodic job mail_deliver_due failed for [address]" in written
    assert "Traceback" in written and "ValueError: duplicate key (email)=([address])" in written
    assert "example.org" not in written and "example.net" not in written


def test_redacting_a_hostile_line_stays_fast():
    import time

    line = "Not Found: /" + "@a" * 50_000 + "/" + "b@" * 50_000
    start = time.perf_counter()
    redact(line)
    assert time.perf_counter() - start < 1.0
