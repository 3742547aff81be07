"""Encryption of personal data.

Personal data (names, email addresses) is sealed with a libsodium sealed box to the
campaign's public key: the server can write it but never read it back, so a stolen database
reveals no one. The private key lives offline with the campaign, which decrypts exports with
`manage.py decrypt`.

Email addresses that the server must use to send a mail are encrypted separately with a
server-side secret key (OUTBOX_KEY) and deleted as soon as the mail is sent (outbox app).
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


def b64(blob: bytes) -> str:
    return base64.b64encode(bytes(blob)).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text)
