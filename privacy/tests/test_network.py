"""Where a request comes from, without storing an address."""

import re
import time

import pytest
from django.test import RequestFactory, override_settings

from privacy.network import client_ip, key_limited, rate_limited, source_key

pytestmark = pytest.mark.django_db


def request(remote="203.0.113.7", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_forwarded_header_is_ignored_without_trusted_proxies():
    """A client cannot pick its own address (and escape its limit) with a header."""
    assert client_ip(request(forwarded="198.51.100.1")) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXIES=["10.0.0.0/8"])
def test_only_the_address_the_trusted_proxy_saw_is_used():
    assert client_ip(request(remote="10.0.0.1", forwarded="1.1.1.1, 198.51.100.9")) == (
        "198.51.100.9"
    )


def test_source_key_is_a_keyed_daily_pseudonym(monkeypatch):
    """The key is 32 hex characters (no address fits in them); the same source gets the same
    key all day, another source or another server key gives another one, and so does the
    next day."""
    key = source_key(request())
    assert re.fullmatch(r"[0-9a-f]{32}", key)
    assert key == source_key(request())
    assert key != source_key(request(remote="203.0.113.8"))
    with override_settings(RATE_LIMIT_KEY=b"another server key, 32 bytes long"):
        assert source_key(request()) != key
    tomorrow = time.gmtime(time.time() + 86400)
    monkeypatch.setattr(time, "gmtime", lambda *seconds: tomorrow)
    assert source_key(request()) != key


def test_rate_limit_counts_per_source_and_scope():
    assert [rate_limited(request(), scope="t", limit=2, period=60) for _ in range(3)] == [
        False,
        False,
        True,
    ]
    assert rate_limited(request(remote="192.0.2.1"), scope="t", limit=2, period=60) is False
    assert rate_limited(request(), scope="other", limit=2, period=60) is False
    assert key_limited("k", scope="t", limit=0, period=60) is True


def test_source_hits_counts_up_per_window():
    from privacy.network import source_hits

    assert [source_hits(request(), scope="h", period=60) for _ in range(3)] == [1, 2, 3]
    assert source_hits(request(remote="192.0.2.9"), scope="h", period=60) == 1
