"""Signing and resending do the same work whatever the server knows about the address, so
the time an answer takes cannot tell whether an address has signed."""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from outbox.models import OutgoingMail
from outbox.services import PLACEHOLDER, mail_deliver
from petitions import services
from petitions.models import Signature

pytestmark = pytest.mark.django_db

# Queued mail waits (for the worker's poll) instead of being sent inside the request.
QUEUED_MAIL = override_settings(OUTBOX_SEND_AT_ONCE=False)
WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)
SELECT_SIGNATURE = re.compile(r'^\s*SELECT .* FROM "?petitions_signature"?', re.IGNORECASE)


def sign(email: str) -> None:
    services.signature_create(
        first_name="Anna",
        last_name="Jansen",
        email=email,
        country="NL",
        language="nl",
        consent=False,
        consent_version=None,
        source_key="s" * 32,
        suspect=False,
    )


def work(action) -> tuple[Counter, int]:
    """The writes (statement, table) an action makes to the domain tables, and how often it
    reads the signatures."""
    with CaptureQueriesContext(connection) as queries:
        action()
    writes: Counter = Counter()
    reads = 0
    for query in queries.captured_queries:
        sql = query["sql"]
        if match := WRITE.match(sql):
            verb, table = match.group(1).upper(), match.group(2)
            if table in ("petitions_signature", "outbox_outgoingmail"):
                writes[(verb, table)] += 1
        elif SELECT_SIGNATURE.match(sql):
            reads += 1
    return writes, reads


def confirm_all() -> None:
    Signature.objects.update(confirmed_at=timezone.now(), token_hash=None)


@QUEUED_MAIL
def test_every_outcome_of_signing_costs_the_same():
    """A new address, an unconfirmed one, the confirmed address itself and a variant of it
    each read the signature once, write it once and queue one mail (for the variant, a
    placeholder: it gets no mail)."""
    outcomes = {"new": work(lambda: sign("new@example.org"))}
    sign("pending@example.org")
    outcomes["unconfirmed"] = work(lambda: sign("pending@example.org"))
    sign("Anna@example.org")
    confirm_all()
    outcomes["confirmed"] = work(lambda: sign("Anna@example.org"))
    outcomes["variant"] = work(lambda: sign("anna+x@example.org"))
    expected_mail = ("INSERT INTO", "outbox_outgoingmail")
    for name, (writes, reads) in outcomes.items():
        assert writes[expected_mail] == 1, name
        signature_writes = sum(n for (_v, table), n in writes.items() if table != expected_mail[1])
        assert (signature_writes, reads) == (1, 1), name


@QUEUED_MAIL
def test_resend_queues_a_mail_whether_or_not_the_address_signed():
    sign("pending@example.org")
    found = work(
        lambda: services.signature_resend_confirmation(email="pending@example.org", language="nl")
    )
    unknown = work(
        lambda: services.signature_resend_confirmation(email="nobody@example.org", language="nl")
    )
    for writes, reads in (found, unknown):
        assert writes[("INSERT INTO", "outbox_outgoingmail")] == 1
        assert reads == 1


@QUEUED_MAIL
def test_a_placeholder_is_deleted_by_the_worker_and_sends_nothing(outbox):
    """The placeholder queued for a variant of a confirmed address goes without a mail, and
    takes its encrypted address with it."""
    sign("Anna@example.org")
    confirm_all()
    OutgoingMail.objects.all().delete()
    sign("anna+x@example.org")
    [placeholder] = OutgoingMail.objects.all()
    assert placeholder.template == PLACEHOLDER
    assert mail_deliver(mail_id=placeholder.pk) is True
    assert not OutgoingMail.objects.exists()
    assert outbox == []
