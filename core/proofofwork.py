"""Proof of work: a small SHA-256 puzzle the visitor's own browser solves before a form is
sent, checked here, with no third party.

The server issues a challenge: a signed, timestamped value naming the form, the difficulty
(leading zero bits) and a random salt. The browser (static/js/pow.js, WebCrypto) finds a
nonce such that SHA-256("<challenge>:<nonce>") starts with that many zero bits and sends both
with the form. Checking costs one hash. Each challenge is accepted once: it is remembered in
the cache until it expires, so a bot cannot pay once and post many times. A person pays
about 2**difficulty hashes per form, once; a bot pays that for every signature.
"""

import hashlib
import secrets

from django.core import signing
from django.core.cache import cache

CHALLENGE_FIELD = "pow_challenge"
NONCE_FIELD = "pow_nonce"
MAX_AGE = 60 * 60
MAX_DIFFICULTY = 32
_SALT = "core.proofofwork"


def challenge_issue(*, scope: str, difficulty: int) -> str:
    """A challenge for the form `scope` at `difficulty` leading zero bits."""
    return signing.TimestampSigner(salt=_SALT).sign(f"{scope}.{difficulty}.{secrets.token_hex(12)}")


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte:
            return bits + 8 - byte.bit_length()
        bits += 8
    return bits


def _digest(challenge: str, nonce: str) -> bytes:
    return hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()


def solution_valid(
    *, challenge: str | None, nonce: str | None, scope: str, difficulty: int
) -> bool:
    """Whether `nonce` solves `challenge`, a challenge of ours for `scope`, unexpired and at
    least `difficulty` bits hard; True only the first time a challenge is presented."""
    if not challenge or not nonce or len(challenge) > 200 or len(nonce) > 20:
        return False
    if not nonce.isascii() or not nonce.isdigit():
        return False
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(challenge, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    issued_scope, issued_difficulty, _salt = value.split(".", 2)
    bits = int(issued_difficulty)
    if issued_scope != scope or bits < difficulty:
        return False
    if leading_zero_bits(_digest(challenge, nonce)) < bits:
        return False
    used = "pow:" + hashlib.sha256(challenge.encode()).hexdigest()[:32]
    return bool(cache.add(used, 1, timeout=MAX_AGE + 60))


def solve(challenge: str) -> str:
    """The nonce a client would send: the first that solves `challenge` (as pow.js does).
    For the tests and the benchmark's bot."""
    bits = int(challenge.split(":", 1)[0].split(".")[1])
    nonce = 0
    prefix = f"{challenge}:".encode()
    while True:
        digest = hashlib.sha256(prefix + str(nonce).encode()).digest()
        if leading_zero_bits(digest) >= bits:
            return str(nonce)
        nonce += 1
