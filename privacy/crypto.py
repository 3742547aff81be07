"""Encryption of personal data.

Personal data (names, email addresses) is sealed with a libsodium sealed box to the
campaign's public key: the server can write it but never read it back, so a stolen database
reveals no one. The private key lives offline with the campaign, which decrypts exports with
`manage.py decrypt`.

Email addresses that the server must use to send a mail are encrypted separately with a
server-side secret key (OUTBOX_KEY) and deleted as soon as the mail is sent (outbox app).

Addresses the server keeps mailing (subscribers, coalition contacts) are encrypted with a
third key, MAILING_KEY, held in the environment like the others: the database alone reveals
no one, and only the sending server can read them. It rotates: a new key encrypts, the former
ones (MAILING_KEY_FALLBACKS) still decrypt until `manage.py rotate_mailing_key` has
re-encrypted every address with the new one.
"""

import base64
import json
from functools import cache
from typing import Any

import nacl.encoding
import nacl.exceptions
import nacl.public
import nacl.secret
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class KeyMissing(ImproperlyConfigured):
    pass


def generate_keypair() -> tuple[str, str]:
    """A new campaign key pair as (public, private), both base64."""
    private = nacl.public.PrivateKey.generate()
    return (
        private.public_key.encode(nacl.encoding.Base64Encoder).decode(),
        private.encode(nacl.encoding.Base64Encoder).decode(),
    )


@cache
def _public_key_from(text: str) -> nacl.public.PublicKey:
    return nacl.public.PublicKey(text.strip().encode(), encoder=nacl.encoding.Base64Encoder)


def public_key() -> nacl.public.PublicKey:
    text = settings.CAMPAIGN_PUBLIC_KEY
    if not text:
        path = settings.CAMPAIGN_PUBLIC_KEY_FILE
        if path and path.exists():
            text = path.read_text()
    if not text:
        raise KeyMissing(
            "No campaign public key: set CAMPAIGN_PUBLIC_KEY "
            "(run `manage.py campaign_keys generate` offline)."
        )
    return _public_key_from(text)


def seal(data: dict[str, Any]) -> bytes:
    """Seal a small record (a dict of strings) to the campaign's public key."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return bytes(nacl.public.SealedBox(public_key()).encrypt(payload))


def unseal(blob: bytes, *, private_key: str) -> dict[str, Any]:
    """Offline only: open a sealed record with the campaign's private key (base64)."""
    key = nacl.public.PrivateKey(private_key.strip().encode(), encoder=nacl.encoding.Base64Encoder)
    result: dict[str, Any] = json.loads(nacl.public.SealedBox(key).decrypt(bytes(blob)))
    return result


def _outbox_box() -> nacl.secret.SecretBox:
    return nacl.secret.SecretBox(bytes(settings.OUTBOX_KEY))


def outbox_encrypt(data: dict[str, Any]) -> bytes:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return bytes(_outbox_box().encrypt(payload))


def outbox_decrypt(blob: bytes) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(_outbox_box().decrypt(bytes(blob)))
    return result


def mailing_encrypt(address: str) -> bytes:
    """An address encrypted with the current mailing key."""
    return bytes(nacl.secret.SecretBox(bytes(settings.MAILING_KEY)).encrypt(address.encode()))


def _mailing_open(blob: bytes) -> tuple[str, bool]:
    """The address and whether it was encrypted with the current key (not a fallback)."""
    keys = [settings.MAILING_KEY, *settings.MAILING_KEY_FALLBACKS]
    for index, key in enumerate(keys):
        try:
            text = nacl.secret.SecretBox(bytes(key)).decrypt(bytes(blob)).decode()
        except nacl.exceptions.CryptoError:
            continue
        return text, index == 0
    raise MailingKeyError("No mailing key opens this address (MAILING_KEY_FALLBACKS?).")


class MailingKeyError(Exception):
    """An address that neither the mailing key nor a former one opens."""


def mailing_decrypt(blob: bytes) -> str:
    """Open an address encrypted with the current mailing key or a former one."""
    return _mailing_open(blob)[0]


def mailing_reencrypt(blob: bytes) -> bytes | None:
    """The address encrypted anew with the current key, or None if it already is."""
    address, current = _mailing_open(blob)
    return None if current else mailing_encrypt(address)


def b64(blob: bytes) -> str:
    return base64.b64encode(bytes(blob)).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text)
