"""The per-day aggregate (SignatureDaily) and the dashboard's totals (SignatureCounting),
kept by the counting job: exact after signing, confirming, invalidating and deleting, the
same as a count from scratch, and built from the table on a database that had none."""

import datetime as dt

import pytest
from django.db.models import Sum
from django.utils import timezone

from petitions import services, tasks
from petitions.models import Signature, SignatureCounting, SignatureDaily
from petitions.tests.factories import SignatureFactory
from petitions.tests.test_tallies import at_once, needs_concurrent_db

LATER = dt.timedelta(minutes=5)


def at(day: str, hour: int = 12) -> dt.datetime:
    """A moment in UTC."""
    return dt.datetime.fromisoformat(f"{day}T{hour:02}:00:00+00:00")


def make(*, created: dt.datetime, confirmed: dt.datetime | None, **fields) -> Signature:
    signature = SignatureFactory(confirmed_at=confirmed, **fields)
    Signature.objects.filter(pk=signature.pk).update(created_at=created)
    return signature


@pytest.fixture
def aggregate(db):
    """The aggregate as the job leaves it on a new database (built, empty), so the tests
    see the job keep it run by run rather than build it."""
    services.daily_signed_update()


def run_job() -> None:
    """The job as the worker runs it, with every signature old enough to be counted."""
    while services.daily_signed_update(now=timezone.now() + LATER):
        pass
    while services.tallies_update():
        pass


def table() -> dict[tuple, tuple[int, int]]:
    return {
        (str(r.day), r.country, r.language, r.source): (r.signed, r.confirmed)
        for r in SignatureDaily.objects.all()
        if r.signed or r.confirmed
    }


@pytest.mark.django_db
def test_signing_and_confirming_land_on_their_days_and_keys(aggregate):
    """`signed` counts a signature on the day it was made, `confirmed` on the day it was
    confirmed, each in its country, language and source; a second run adds nothing."""
    make(created=at("2026-03-01"), confirmed=at("2026-03-02"), country="DE", language="de")
    make(created=at("2026-03-01"), confirmed=None, country="DE", language="de")
    make(created=at("2026-03-02"), confirmed=at("2026-03-02"), source="bits")
    run_job()
    run_job()
    assert table() == {
        ("2026-03-01", "DE", "de", ""): (2, 0),
        ("2026-03-02", "DE", "de", ""): (0, 1),
        ("2026-03-02", "NL", "nl", "bits"): (1, 1),
    }


@pytest.mark.django_db
def test_days_are_the_campaigns_calendar_days(aggregate):
    """A signature confirmed at 23:30 UTC in summer is Brussels' next day (TIME_ZONE)."""
    make(created=at("2026-07-01", 23), confirmed=at("2026-07-01", 23))
    run_job()
    assert table() == {("2026-07-02", "NL", "nl", ""): (1, 1)}


@pytest.mark.django_db
def test_a_later_confirmation_is_counted_by_a_later_run(aggregate):
    signature = make(created=at("2026-03-01"), confirmed=None)
    run_job()
    assert table() == {("2026-03-01", "NL", "nl", ""): (1, 0)}
    Signature.objects.filter(pk=signature.pk).update(confirmed_at=at("2026-03-04"))
    run_job()
    assert table() == {
        ("2026-03-01", "NL", "nl", ""): (1, 0),
        ("2026-03-04", "NL", "nl", ""): (0, 1),
    }


@pytest.mark.django_db
def test_invalidating_and_deleting_take_counted_signatures_out_of_their_day(aggregate):
    """Invalidation and deletion take a counted signature out of its confirmation day (as
    out of the tallies); an uncounted one changes nothing; `signed` stays (it was signed)."""
    first, second, third = (
        make(created=at("2026-03-01"), confirmed=at("2026-03-03")) for _ in range(3)
    )
    run_job()
    services.signatures_invalidate(queryset=Signature.objects.filter(pk=first.pk))
    services.signatures_delete(queryset=Signature.objects.filter(pk=second.pk))
    run_job()
    assert table() == {
        ("2026-03-01", "NL", "nl", ""): (3, 0),
        ("2026-03-03", "NL", "nl", ""): (0, 1),
    }
    services.signatures_invalidate(queryset=Signature.objects.filter(pk=third.pk))
    assert SignatureDaily.objects.aggregate(n=Sum("confirmed"))["n"] == 0


@pytest.mark.django_db
def test_confirmed_per_day_adds_up_to_the_tallies(aggregate):
    for n in range(12):
        make(created=at("2026-03-01"), confirmed=at(f"2026-03-0{1 + n % 4}"), country="FR")
    make(created=at("2026-03-01"), confirmed=at("2026-03-02"), invalidated=True)
    run_job()
    services.signatures_invalidate(
        queryset=Signature.objects.filter(pk=Signature.objects.filter(country="FR").first().pk)
    )
    from petitions.selectors import signature_count

    assert SignatureDaily.objects.aggregate(n=Sum("confirmed"))["n"] == signature_count() == 11


@pytest.mark.django_db
def test_a_young_signature_waits_and_the_mark_never_passes_it(aggregate):
    """A signature younger than the settling time is not counted yet, and neither is any
    signature after it, until a later pass."""
    young = SignatureFactory(confirmed_at=None)
    older_after = make(created=at("2026-03-01"), confirmed=None)
    assert older_after.pk > young.pk
    assert services.daily_signed_update() == 0
    assert services.daily_signed_update(now=timezone.now() + LATER) == 2
    assert SignatureCounting.objects.get().signed_through == older_after.pk


@pytest.mark.django_db
def test_rebuild_equals_the_counts_kept_run_by_run(aggregate):
    """The aggregate kept run after run (signing, confirming, invalidating in between)
    equals one built from scratch from the signatures table."""
    for n in range(10):
        make(
            created=at(f"2026-04-0{1 + n % 3}", 10 + n),
            confirmed=at(f"2026-04-0{2 + n % 4}") if n % 3 else None,
            country=["NL", "DE", "BE"][n % 3],
            language=["nl", "de", "fr"][n % 2],
            source=["", "bits"][n % 2],
        )
    run_job()
    late = make(created=at("2026-04-06"), confirmed=None, country="BE")
    run_job()
    Signature.objects.filter(pk=late.pk).update(confirmed_at=at("2026-04-07"))
    services.signatures_invalidate(
        queryset=Signature.objects.filter(pk=Signature.objects.filter(country="DE").first().pk)
    )
    run_job()
    kept = table()
    assert services.signatures_daily_rebuild() > 0
    assert table() == kept
    assert sum(signed for signed, _c in kept.values()) == 11


@pytest.mark.django_db
def test_first_run_builds_the_aggregate_of_an_existing_database():
    """A database from before the aggregate (signatures counted, no state row, no daily
    rows): the job's first run builds it, and does not count anything twice."""
    for day in ("2026-05-01", "2026-05-01", "2026-05-02"):
        make(created=at(day), confirmed=at(day), counted=True)
    make(created=at("2026-05-02"), confirmed=at("2026-05-03"))  # not counted yet
    assert not SignatureCounting.objects.exists()
    tasks.tallies_update()
    assert table() == {
        ("2026-05-01", "NL", "nl", ""): (2, 2),
        ("2026-05-02", "NL", "nl", ""): (2, 1),
        ("2026-05-03", "NL", "nl", ""): (0, 1),
    }


@pytest.mark.django_db
def test_totals_pending_suspect_invalidated():
    """Pending: unconfirmed with a live link (an expired one is not); suspect: flagged and
    not invalidated; invalidated: every invalidated one. Counted at most once a minute."""
    now = timezone.now()
    SignatureFactory(confirmed_at=None, token_expires_at=now + dt.timedelta(hours=1))
    SignatureFactory(confirmed_at=None, token_expires_at=now - dt.timedelta(hours=1))
    SignatureFactory(suspect=True)
    SignatureFactory(suspect=True, invalidated=True)
    SignatureFactory(invalidated=True)
    assert services.signature_counts_refresh(now=now)
    state = SignatureCounting.objects.get()
    assert (state.pending, state.suspect, state.invalidated) == (1, 1, 2)
    SignatureFactory(invalidated=True)
    assert not services.signature_counts_refresh(now=now + dt.timedelta(seconds=30))
    assert services.signature_counts_refresh(now=now + dt.timedelta(seconds=61))
    assert SignatureCounting.objects.get().invalidated == 3


@pytest.mark.django_db
def test_purging_the_campaign_empties_the_aggregate(aggregate):
    make(created=at("2026-03-01"), confirmed=at("2026-03-01"))
    run_job()
    services.campaign_data_purge()
    assert not SignatureDaily.objects.exists()
    assert not SignatureCounting.objects.exists()


@needs_concurrent_db
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_keep_the_aggregate_exact():
    """Two counting jobs at the same time, the very first ones (both find no state row):
    every signature is in the aggregate once."""
    for n in range(30):
        make(created=at("2026-03-01"), confirmed=at(f"2026-03-0{1 + n % 3}"), country="NL")

    def job() -> int:
        total = 0
        while services.daily_signed_update(batch=4, now=timezone.now() + LATER):
            pass
        while added := services.tallies_update(batch=7):
            total += added
        return total

    outcomes = at_once(job)
    assert all(isinstance(added, int) for added in outcomes), outcomes
    assert sum(outcomes) == 30
    totals = SignatureDaily.objects.aggregate(signed=Sum("signed"), confirmed=Sum("confirmed"))
    assert totals == {"signed": 30, "confirmed": 30}


@pytest.mark.django_db
def test_count_signatures_command_rebuilds_and_counts(aggregate):
    """`manage.py count_signatures --rebuild` builds the aggregate anew (here: rows that
    were loaded behind the job's back) and runs the job."""
    import io

    from django.core.management import call_command

    make(created=at("2026-06-01"), confirmed=at("2026-06-01"), counted=True)  # a bulk load
    make(created=at("2026-06-01"), confirmed=at("2026-06-02"))
    out = io.StringIO()
    call_command("count_signatures", "--rebuild", stdout=out)
    assert "confirmed signatures counted: 1" in out.getvalue()
    assert table() == {
        ("2026-06-01", "NL", "nl", ""): (2, 1),
        ("2026-06-02", "NL", "nl", ""): (0, 1),
    }
    assert SignatureCounting.objects.get().counted_at is not None
