"""Which source a request is counted under: only configured proxies may speak for a client,
an IPv6 client counts as its /64, and the day's pseudonym key is discarded with its day."""

import datetime as dt
import logging
import time

import pytest
from django.core import checks
from django.db import connection
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from privacy import network, registry
from privacy.models import PseudonymKey

pytestmark = pytest.mark.django_db

PROXY = {"TRUSTED_PROXY_COUNT": 1, "TRUSTED_PROXIES": ["10.0.0.0/8", "fd00::/8"]}


def request(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **headers)


@override_settings(**PROXY)
def test_a_peer_outside_the_proxy_networks_cannot_forge_its_address(caplog):
    """A client that reaches the app directly, past the proxy, is counted under its own
    address whatever X-Forwarded-For it sends; the operator is warned once, without the
    address."""
    network._warned_untrusted = False
    with caplog.at_level(logging.WARNING, logger="privacy.network"):
        for forged in ("198.51.100.1", "198.51.100.2"):
            assert network.client_ip(request("203.0.113.7", forged)) == "203.0.113.7"
    assert [r.getMessage() for r in caplog.records] == [
        "X-Forwarded-For ignored: the request came from a peer outside TRUSTED_PROXIES."
    ]
    assert "203.0.113.7" not in caplog.text
    assert network.client_ip(request("10.1.2.3", "198.51.100.1")) == "198.51.100.1"
    assert network.client_ip(request("fd00::1", "198.51.100.1")) == "198.51.100.1"
    # An IPv4 proxy seen through an IPv6 socket is still the proxy.
    assert network.client_ip(request("::ffff:10.1.2.3", "198.51.100.1")) == "198.51.100.1"


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXIES=[])
def test_a_proxy_count_without_proxy_networks_trusts_no_header_and_warns():
    assert network.client_ip(request("10.1.2.3", "198.51.100.1")) == "10.1.2.3"
    assert network.client_ip(request("not an address", "198.51.100.1")) == "not an address"
    [warning] = [m for m in checks.run_checks() if m.id == "privacy.W001"]
    assert warning.level == checks.WARNING


def test_no_warning_without_a_proxy_count_or_with_proxy_networks():
    assert not [m for m in checks.run_checks() if m.id == "privacy.W001"]
    with override_settings(**PROXY):
        assert not [m for m in checks.run_checks() if m.id == "privacy.W001"]


def test_an_ipv6_client_counts_as_its_64():
    """Addresses rotate freely within one subscriber's /64: all of them are one source, the
    next /64 is another, and an IPv4 address (also mapped into IPv6) is itself."""
    key = network.source_key(request("2001:db8:1:2::1"))
    assert network.source_key(request("2001:db8:1:2:ffff:ffff:ffff:fffe")) == key
    assert network.source_key(request("2001:db8:1:3::1")) != key
    assert network.source_address(request("2001:db8:1:2:aa::1")) == "2001:db8:1:2::/64"
    assert network.source_address(request("::ffff:192.0.2.1")) == "192.0.2.1"
    assert network.source_address(request("192.0.2.1")) == "192.0.2.1"
    assert network.source_key(request("192.0.2.1")) != network.source_key(request("192.0.2.2"))


def test_the_day_key_is_random_shared_and_deleted_after_its_day(monkeypatch):
    """Each UTC day has its own random key in the database, read by every process; the hourly
    purge deletes the keys of past days, so a pseudonym stored then can no longer be
    recomputed from an address, even with RATE_LIMIT_KEY."""
    today = network._today()
    key = network.source_key(request("192.0.2.1"))
    [row] = PseudonymKey.objects.all()
    assert row.day == today and len(bytes(row.key)) == 32
    # Another process (an empty memory) reads the same key and computes the same pseudonym.
    network._day_keys.clear()
    assert network.source_key(request("192.0.2.1")) == key
    tomorrow = dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=1)
    registry.purges_run(now=tomorrow)
    assert not PseudonymKey.objects.exists()
    # Recreating the day's key makes a new one: the old pseudonym is not found again.
    assert network.source_key(request("192.0.2.1")) != key


def test_the_purge_keeps_todays_key():
    network.source_key(request("192.0.2.1"))
    registry.purges_run(now=dt.datetime.now(tz=dt.UTC))
    assert PseudonymKey.objects.filter(day=time.strftime("%Y%m%d", time.gmtime())).exists()


def test_the_purge_reports_the_counts_and_the_keys_it_deleted_together():
    """The hourly purge's number is every row it deleted: a window's count that is over and a
    day's key that is over, both gone a day later."""
    network.source_key(request("192.0.2.1"))
    network.key_hits("pseudonym", scope="sign", period=60)
    today = dt.datetime.strptime(network._today(), "%Y%m%d").replace(tzinfo=dt.UTC)
    # Half a minute into the next day: every window of a minute that began today is over.
    next_day = today + dt.timedelta(days=1, seconds=30)
    assert network.purge_expired(now=next_day) == 2
    assert network.purge_expired(now=next_day) == 0


def test_the_purge_keeps_todays_key_in_memory():
    """After the hourly purge, today's pseudonyms are still made from the day's key this
    process holds, without reading the database again."""
    key = network.source_key(request("192.0.2.1"))
    midnight = dt.datetime.strptime(network._today(), "%Y%m%d").replace(tzinfo=dt.UTC)
    network.purge_expired(now=midnight + dt.timedelta(hours=12))
    with CaptureQueriesContext(connection) as queries:
        assert network.source_key(request("192.0.2.1")) == key
    assert not queries.captured_queries


def test_the_pseudonym_changes_at_midnight_utc(monkeypatch):
    """A source keeps one pseudonym through a UTC day and gets another from midnight UTC on,
    not from midnight where the campaign is (TIME_ZONE is Europe/Brussels, an hour ahead)."""
    midnight = dt.datetime(2030, 1, 2, tzinfo=dt.UTC).timestamp()
    now = [midnight - 3600]  # 23:00 UTC: already the next day in Brussels
    monkeypatch.setattr(time, "time", lambda: now[0])
    before = network.source_key(request("192.0.2.1"))
    now[0] = midnight - 1
    assert network.source_key(request("192.0.2.1")) == before
    now[0] = midnight
    assert network.source_key(request("192.0.2.1")) != before
    assert sorted(PseudonymKey.objects.values_list("day", flat=True)) == ["20300101", "20300102"]


@override_settings(**PROXY)
def test_a_request_from_the_proxy_without_a_forwarded_address_counts_as_the_proxy():
    """A request that reaches the app from a trusted proxy but names no client (no
    X-Forwarded-For) is counted under the proxy's address, not under a placeholder."""
    assert network.client_ip(request("10.1.2.3")) == "10.1.2.3"
    assert network.client_ip(request("10.1.2.3", "")) == "10.1.2.3"


@override_settings(TRUSTED_PROXY_COUNT=0, TRUSTED_PROXIES=["10.0.0.0/8"])
def test_without_a_proxy_count_no_forwarded_address_is_read():
    """With TRUSTED_PROXY_COUNT 0 (no proxy in front), the peer is the client even when it is
    in TRUSTED_PROXIES: an X-Forwarded-For it sends is never read."""
    assert network.client_ip(request("10.1.2.3", "198.51.100.1")) == "10.1.2.3"
