"""Single-use secrets sent by email. Only their SHA-256 is stored, so a database dump
cannot be used to confirm or delete anything."""

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """A fresh (token, hash): the token goes into the email, the hash into the database."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
