"""Sign-in to the admin, throttled by the project's own rate limiter (privacy.network): per
source (the daily pseudonym of the network address) and per username (a keyed hash of it).
Every attempt counts, right or wrong, and past either limit even the right password is
refused until the window ends, with a clear message. Nothing new is stored: no address, no
username in clear, only counts that expire with their window."""

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from privacy.network import key_limited, rate_limited

WINDOW_SECONDS = 15 * 60


def _username_key(username: str) -> str:
    digest = hmac.new(
        bytes(settings.RATE_LIMIT_KEY), f"admin-user:{username.casefold()}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:32]


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "throttled": _("Too many sign-in attempts. Please wait %(minutes)s minutes and try again."),
    }

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))[:150]
        # Both counts go up on every attempt (no short-circuit), so neither limit can be
        # kept from counting by tripping the other first.
        by_source = rate_limited(
            self.request,
            scope="admin-login",
            limit=settings.ADMIN_LOGIN_SOURCE_LIMIT,
            period=WINDOW_SECONDS,
        )
        by_user = key_limited(
            _username_key(username),
            scope="admin-login-user",
            limit=settings.ADMIN_LOGIN_USER_LIMIT,
            period=WINDOW_SECONDS,
        )
        if by_source or by_user:
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": WINDOW_SECONDS // 60},
            )
        return super().clean()
