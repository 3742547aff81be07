"""`manage.py check --deploy` fails while a key the privacy promise rests on is missing: a
campaign public key to seal personal data with (without it the first signature fails), and
the server keys (dedup, outbox, mailing, rate limits) of full length."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from privacy import crypto

SERVER_KEYS = ("DEDUP_KEY", "OUTBOX_KEY", "MAILING_KEY", "RATE_LIMIT_KEY")
KEY_BYTES = 32


@register(Tags.security, deploy=True)
def keys_present(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    try:
        crypto.public_key()
    except crypto.KeyMissing:
        errors.append(
            Error(
                "No campaign public key: personal data cannot be sealed.",
                hint="Set CAMPAIGN_PUBLIC_KEY (manage.py campaign_keys generate, run offline).",
                id="privacy.E001",
            )
        )
    except (ValueError, TypeError):  # not base64, or not 32 bytes
        errors.append(
            Error(
                "CAMPAIGN_PUBLIC_KEY is not a valid public key (base64 of 32 bytes).",
                id="privacy.E002",
            )
        )
    for name in SERVER_KEYS:
        if len(bytes(getattr(settings, name, b"") or b"")) < KEY_BYTES:
            errors.append(
                Error(
                    f"{name} is missing or shorter than {KEY_BYTES} bytes.",
                    hint=f"Set {name} to 32 random bytes, base64 (the same on every server).",
                    id="privacy.E003",
                )
            )
    return errors
