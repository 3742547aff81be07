"""The proof-of-work puzzle: issued signed, solved by brute force, checked with one hash,
accepted once."""

import types

import pytest
from django.core import signing

from core import proofofwork as pow_
from core.proofofwork import challenge_issue, leading_zero_bits, solution_valid, solve


def test_leading_zero_bits():
    assert leading_zero_bits(b"\x00\x00\x01") == 23
    assert leading_zero_bits(b"\x80") == 0
    assert leading_zero_bits(b"\x0f\xff") == 4
    assert leading_zero_bits(b"\x00\x00") == 16


def test_a_solved_challenge_is_accepted_once():
    """The solution of a challenge is accepted the first time only: a bot cannot pay once and
    post many times with it."""
    challenge = challenge_issue(scope="sign", difficulty=8)
    nonce = solve(challenge)
    assert leading_zero_bits(pow_._digest(challenge, nonce)) >= 8
    assert solution_valid(challenge=challenge, nonce=nonce, scope="sign", difficulty=8)
    assert not solution_valid(challenge=challenge, nonce=nonce, scope="sign", difficulty=8)


def test_a_wrong_nonce_fails_and_does_not_use_the_challenge_up():
    challenge = challenge_issue(scope="sign", difficulty=12)
    nonce = solve(challenge)
    wrong = next(
        str(n) for n in range(10_000) if leading_zero_bits(pow_._digest(challenge, str(n))) < 12
    )
    assert not solution_valid(challenge=challenge, nonce=wrong, scope="sign", difficulty=12)
    assert solution_valid(challenge=challenge, nonce=nonce, scope="sign", difficulty=12)


@pytest.mark.parametrize("nonce", ["", None, "-1", "1e3", "\uff11\uff12", "9" * 21, " 1"])
def test_malformed_nonces_fail(nonce):
    challenge = challenge_issue(scope="sign", difficulty=0)
    assert not solution_valid(challenge=challenge, nonce=nonce, scope="sign", difficulty=0)


def test_a_challenge_for_another_form_or_an_easier_one_fails():
    """A challenge names its form and its difficulty: one issued for another form, or easier
    than the difficulty now asked, does not count."""
    other = challenge_issue(scope="newsletter", difficulty=4)
    assert not solution_valid(challenge=other, nonce=solve(other), scope="sign", difficulty=4)
    easy = challenge_issue(scope="sign", difficulty=2)
    assert not solution_valid(challenge=easy, nonce=solve(easy), scope="sign", difficulty=8)
    hard = challenge_issue(scope="sign", difficulty=8)
    assert solution_valid(challenge=hard, nonce=solve(hard), scope="sign", difficulty=4)


def test_forged_tampered_or_overlong_challenges_fail():
    challenge = challenge_issue(scope="sign", difficulty=4)
    # Lowering the difficulty inside the challenge breaks its signature.
    forged = challenge.replace("sign.4.", "sign.0.", 1)
    assert forged != challenge
    assert not solution_valid(challenge=forged, nonce="0", scope="sign", difficulty=0)
    assert not solution_valid(challenge="sign.0.abc", nonce="0", scope="sign", difficulty=0)
    assert not solution_valid(challenge=None, nonce="0", scope="sign", difficulty=0)
    long = signing.TimestampSigner(salt=pow_._SALT).sign("sign.0." + "a" * 200)
    assert not solution_valid(challenge=long, nonce="0", scope="sign", difficulty=0)


def test_a_challenge_expires_after_an_hour(monkeypatch):
    now = types.SimpleNamespace(value=1_750_000_000.0)
    monkeypatch.setattr(signing, "time", types.SimpleNamespace(time=lambda: now.value))
    first = challenge_issue(scope="sign", difficulty=4)
    second = challenge_issue(scope="sign", difficulty=4)
    now.value += pow_.MAX_AGE
    assert solution_valid(challenge=first, nonce=solve(first), scope="sign", difficulty=4)
    now.value += 1
    assert not solution_valid(challenge=second, nonce=solve(second), scope="sign", difficulty=4)
