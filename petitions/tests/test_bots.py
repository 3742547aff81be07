"""Proof of work on the sign form: off in normal times, on for a busy source, for everyone
when signing is very busy, and by the campaigner's switch; a signature without it is kept
but marked suspect."""

import pytest
from django.test import override_settings

from campaigns.models import Campaign
from core.proofofwork import solve
from core.tests.support import new_source
from petitions.models import Signature
from petitions.tests.test_flow import sign

pytestmark = pytest.mark.django_db

CHALLENGE = "/nl/sign/challenge.json"
EASY = override_settings(POW_DIFFICULTY=6)


def challenge(client, source="203.0.113.7"):
    response = client.get(CHALLENGE, REMOTE_ADDR=source)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert not response.cookies
    return response.json()


def sign_with(client, proof=None, *, email, source="203.0.113.7"):
    extra = {}
    if proof:
        extra = {"pow_challenge": proof["challenge"], "pow_nonce": solve(proof["challenge"])}
    response = sign_from(client, source, email=email, **extra)
    assert response.status_code == 302
    return Signature.objects.order_by("-pk").first()


def sign_from(client, source, **fields):
    client.defaults["REMOTE_ADDR"] = source
    try:
        return sign(client, **fields)
    finally:
        client.defaults.pop("REMOTE_ADDR", None)


def test_off_in_normal_times(client, petition):
    """A few signatures from one source: no challenge is asked, nothing is marked."""
    assert challenge(client) == {"difficulty": 0}
    assert not sign_with(client, email="a@example.org").suspect


@EASY
def test_the_campaigners_switch_asks_every_browser(client, petition):
    """With the switch on, every source gets a challenge; a signature that solved it is
    normal, one without it (no JavaScript) is kept but marked suspect, and a solution
    presented twice counts only once."""
    Campaign.objects.update(proof_of_work=True)
    proof = challenge(client)
    assert proof["difficulty"] == 6
    assert not sign_with(client, proof, email="solved@example.org").suspect
    assert sign_with(client, email="nojs@example.org").suspect
    assert sign_with(client, proof, email="replayed@example.org").suspect
    assert Signature.objects.count() == 3


@EASY
@override_settings(POW_SOURCE_SIGNS_PER_HOUR=3)
def test_a_busy_source_is_asked_and_others_are_not(client, petition):
    for n in range(3):
        assert challenge(client)["difficulty"] == 0
        assert not sign_with(client, email=f"p{n}@example.org").suspect
    assert challenge(client)["difficulty"] == 6
    assert sign_with(client, email="p3@example.org").suspect
    proof = challenge(client)
    assert not sign_with(client, proof, email="p4@example.org").suspect
    assert challenge(client, source="198.51.100.1")["difficulty"] == 0


@EASY
@override_settings(POW_SIGNS_PER_MINUTE=4)
def test_everyone_is_asked_when_signing_is_very_busy(client, petition):
    """Past POW_SIGNS_PER_MINUTE sign posts in a minute, from all sources together, every
    source is asked, also one that never signed."""
    for n in range(5):
        sign_with(client, email=f"q{n}@example.org", source=new_source())
    assert challenge(client, source="192.0.2.99")["difficulty"] == 6
    assert sign_with(client, email="late@example.org", source="192.0.2.99").suspect
