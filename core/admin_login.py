"""Sign-in to the admin.

Throttled by the project's own rate limiter (privacy.network): per source (the daily
pseudonym of the network address) and per username (a keyed hash of it). Every attempt
counts, right or wrong, and past either limit even the right password is refused until the
window ends, with a clear message. Nothing new is stored: no address, no username in clear,
only counts that expire with their window.

Two-factor (TOTP, django-otp): a staff member with a confirmed authenticator app must also
give its 6-digit code; without one the password is enough, except for superusers where
ADMIN_SUPERUSER_2FA is on (production): they are sent to set one up before any other admin
page (SuperuserTwoFactorMiddleware, two_factor_setup)."""

import hashlib
import hmac
from base64 import b32encode
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice

from privacy.network import key_limited, rate_limited

WINDOW_SECONDS = 15 * 60


def _username_key(username: str) -> str:
    digest = hmac.new(
        bytes(settings.RATE_LIMIT_KEY), f"admin-user:{username.casefold()}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:32]


class ThrottledAdminAuthenticationForm(OTPAdminAuthenticationForm):
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
        self.cleaned_data = AdminAuthenticationForm.clean(self)
        user = self.get_user()
        if user is not None and user_has_device(user):
            self.clean_otp(user)
        return self.cleaned_data


def _needs_setup(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(
        settings.ADMIN_SUPERUSER_2FA
        and user is not None
        and user.is_authenticated
        and user.is_superuser
        and not user.is_verified()
    )


def _in_admin(request: HttpRequest) -> bool:
    try:
        return request.path.startswith(reverse("admin:index"))
    except NoReverseMatch:  # a URL configuration without the admin
        return False


class SuperuserTwoFactorMiddleware:
    """With ADMIN_SUPERUSER_2FA, a superuser signed in without a verified authenticator
    reaches no admin page but the set-up (and signing out)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The path first: asking for the user reads the session, which marks the response
        # `Vary: Cookie`, and public pages must not vary on a cookie (no shared cache could
        # keep them, the app's own micro-cache included).
        if _in_admin(request) and _needs_setup(request):
            allowed = {reverse("admin-two-factor"), reverse("admin:logout")}
            if request.path not in allowed:
                return redirect("admin-two-factor")
        return self.get_response(request)


class SetupForm(forms.Form):
    token = forms.CharField(
        label=_("The 6-digit code your app shows"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@staff_member_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app (TOTP) to the signed-in staff member's account: the secret to
    type in (or its otpauth:// link), then a code from the app to confirm it."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect("admin:index")
        form.add_error("token", _("This code is not right. Please try the current one."))
    context = {
        **admin.site.each_context(request),
        "title": _("Two-factor sign-in"),
        "form": form,
        "secret": b32encode(device.bin_key).decode(),
        "config_url": device.config_url,
        "required": _needs_setup(request),
    }
    return render(request, "admin/two_factor_setup.html", context)
