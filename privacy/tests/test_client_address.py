"""Which address counts as the client's behind N trusted proxies, and how long its pseudonym
lives."""

import calendar
import time
import types

import pytest
from django.test import RequestFactory, override_settings

from privacy import network
from privacy.network import client_ip, source_key


def request(remote="10.0.0.1", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        # Exactly as many entries as trusted proxies: the first is the client's.
        (1, "198.51.100.9", "198.51.100.9"),
        (2, "198.51.100.9, 10.0.0.2", "198.51.100.9"),
        (3, "198.51.100.9,10.0.0.3,10.0.0.2", "198.51.100.9"),
        # More entries: whatever the client wrote itself before them is ignored.
        (1, "192.0.2.66, 192.0.2.67, 198.51.100.9", "198.51.100.9"),
        (2, "192.0.2.66, 198.51.100.9, 10.0.0.2", "198.51.100.9"),
        # Commas without spaces, and empty entries, are read the same.
        (1, "192.0.2.66,198.51.100.9", "198.51.100.9"),
        (2, "198.51.100.9, , 10.0.0.2,", "198.51.100.9"),
    ],
)
def test_the_client_is_the_entry_the_outermost_trusted_proxy_added(proxies, forwarded, client):
    """Each trusted proxy appends the address it saw, so with N of them the client's address
    is the N-th entry from the end; with exactly N entries, that is the first one (so clients
    behind the proxies do not all share the proxy's own rate limit)."""
    with override_settings(TRUSTED_PROXY_COUNT=proxies, TRUSTED_PROXIES=["10.0.0.0/8"]):
        assert client_ip(request(forwarded=forwarded)) == client


@pytest.mark.parametrize(
    ("proxies", "forwarded"),
    [(1, None), (1, ""), (1, " , "), (2, "198.51.100.9"), (3, "198.51.100.9, 10.0.0.2")],
)
def test_fewer_entries_than_trusted_proxies_means_the_direct_peer_counts(proxies, forwarded):
    """A request that did not pass every trusted proxy (no header, or too few entries) is
    counted under the address that connected, never under a placeholder that all such
    requests would share."""
    with override_settings(TRUSTED_PROXY_COUNT=proxies, TRUSTED_PROXIES=["10.0.0.0/8"]):
        assert client_ip(request(remote="203.0.113.7", forwarded=forwarded)) == "203.0.113.7"


def utc(text: str) -> float:
    return float(calendar.timegm(time.strptime(text, "%Y-%m-%d %H:%M:%S")))


@pytest.fixture
def clock(monkeypatch):
    """The clock the network module reads (wall time and the UTC date), set by the test."""
    now = types.SimpleNamespace(value=utc("2025-03-01 12:00:00"))
    fake = types.SimpleNamespace(
        time=lambda: now.value,
        gmtime=lambda seconds=None: time.gmtime(now.value if seconds is None else seconds),
        strftime=time.strftime,
    )
    monkeypatch.setattr(network, "time", fake)
    return now


@pytest.mark.django_db
def test_the_pseudonym_holds_for_one_utc_day(clock):
    """A source keeps the same pseudonym from 00:00:00 to 23:59:59 UTC and gets a new one at
    midnight UTC: it cannot be followed from one day to the next."""
    keys = {}
    for moment in ("2025-03-01 00:00:00", "2025-03-01 00:59:30", "2025-03-01 23:59:59"):
        clock.value = utc(moment)
        keys[moment] = source_key(request(remote="203.0.113.7"))
    assert len(set(keys.values())) == 1
    clock.value = utc("2025-03-02 00:00:00")
    assert source_key(request(remote="203.0.113.7")) not in keys.values()
