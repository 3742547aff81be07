"""The counter: a periodic batch job adds confirmed signatures to per-country tallies."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection

from petitions import selectors, services
from petitions.models import Signature, SignatureTally
from petitions.tests.factories import SignatureFactory, days_ago


@pytest.mark.django_db
def test_tallies_count_confirmed_valid_signatures_per_country():
    """Only confirmed, valid signatures are counted, each exactly once, per country."""
    SignatureFactory.create_batch(3, country="NL")
    SignatureFactory.create_batch(2, country="DE")
    SignatureFactory(confirmed_at=None)
    SignatureFactory(invalidated=True)
    assert services.tallies_update() == 5
    assert services.tallies_update() == 0
    assert selectors.signature_count() == 5
    by_country = dict(SignatureTally.objects.values_list("country", "count"))
    assert by_country == {"NL": 3, "DE": 2}
    SignatureFactory(country="NL")
    assert services.tallies_update() == 1
    assert SignatureTally.objects.get(country="NL").count == 4


@pytest.mark.django_db
def test_tallies_work_in_batches():
    SignatureFactory.create_batch(7, country="FR")
    assert services.tallies_update(batch=3) == 3
    assert services.tallies_update(batch=3) == 3
    assert services.tallies_update(batch=3) == 1
    assert SignatureTally.objects.get(country="FR").count == 7


@pytest.mark.django_db
def test_count_is_read_from_cache_not_recounted(django_assert_num_queries):
    """Reading the counter twice in a row costs at most one query (a sum of the tallies),
    never a count over the signatures."""
    SignatureFactory.create_batch(2)
    services.tallies_update()
    cache.clear()
    with django_assert_num_queries(1) as captured:
        assert selectors.signature_count() == 2
        assert selectors.signature_count() == 2
    assert '"petitions_signature"' not in captured.captured_queries[0]["sql"]


@pytest.mark.django_db
def test_invalidation_subtracts_counted_signatures():
    """Invalidating takes counted signatures out of the tallies, and they are not counted
    again; invalidating twice changes nothing."""
    counted = SignatureFactory.create_batch(3, country="NL")
    services.tallies_update()
    uncounted = SignatureFactory(country="NL")
    queryset = Signature.objects.filter(pk__in=[counted[0].pk, uncounted.pk])
    assert services.signatures_invalidate(queryset=queryset) == 2
    assert services.signatures_invalidate(queryset=queryset) == 0
    services.tallies_update()
    assert SignatureTally.objects.get(country="NL").count == 2
    assert selectors.signature_count() == 2


@pytest.mark.django_db
def test_invalidation_by_domain_time_and_source():
    """The admin filter matches a domain through its keyed hash (any case, googlemail as
    gmail), a time window and a source pseudonym."""
    from petitions.services import signatures_filter_for_invalidation as matching

    spam = SignatureFactory(email="bot1@Spam.example")
    gmail = SignatureFactory(email="x.y@googlemail.com")
    other = SignatureFactory(email="real@example.org", source_key="abc")
    Signature.objects.filter(pk=other.pk).update(created_at=days_ago(3))
    assert list(matching(domain="SPAM.example")) == [spam]
    assert list(matching(domain="gmail.com")) == [gmail]
    assert list(matching(source_key="abc")) == [other]
    assert set(matching(since=days_ago(1))) == {spam, gmail}
    assert list(matching(until=days_ago(2))) == [other]


# In-memory SQLite shares one cache between connections and fails at once on a lock instead
# of waiting (file SQLite waits: its transactions are IMMEDIATE). CI runs these on PostgreSQL.
needs_concurrent_db = pytest.mark.skipif(
    connection.vendor == "sqlite", reason="needs a database that lets connections wait on locks"
)


def at_once(job, times: int = 2) -> list[object]:
    """Run `job` in `times` threads (each its own database connection) started together;
    what each returned or raised."""
    barrier = threading.Barrier(times)
    outcomes: list[object] = []

    def run() -> None:
        try:
            barrier.wait()
            outcomes.append(job())
        except Exception as exc:  # reported to the test
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@needs_concurrent_db
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_never_double_count():
    """Two counting jobs running at the same time (separate connections) add every
    signature exactly once."""
    SignatureFactory.create_batch(40, country="NL")

    def count() -> int:
        total = 0
        while added := services.tallies_update(batch=7):
            total += added
        return total

    outcomes = at_once(count)
    assert all(isinstance(added, int) for added in outcomes), outcomes  # neither failed
    assert SignatureTally.objects.get(country="NL").count == 40
    assert not Signature.objects.filter(counted=False).exists()


@needs_concurrent_db
@pytest.mark.django_db(transaction=True)
def test_simultaneous_first_signatures_with_same_address():
    """Two requests signing with the same new address at the same moment: one signature,
    no error, both get a mail."""
    from django.core import mail

    outcomes = at_once(
        lambda: services.signature_create(
            first_name="Anna",
            last_name="Jansen",
            email="race@example.org",
            country="NL",
            language="nl",
            consent=False,
            consent_version=None,
            source_key="s",
            suspect=False,
        )
    )
    assert outcomes == [None, None], outcomes  # neither request failed
    assert Signature.objects.count() == 1
    # The first request's confirmation, then the second's, which renews it (a confirmed
    # signer would get the already-signed mail, without a confirmation link).
    assert len(mail.outbox) == 2
    assert all("/sign/confirm/" in message.body for message in mail.outbox)
