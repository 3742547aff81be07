"""Admin sign-in is throttled per source and per username, with the project's own limiter."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "the right password, 2026"


@pytest.fixture
def staff():
    return get_user_model().objects.create_superuser("campaigner", "c@example.org", PASSWORD)


def attempt(client: Client, password: str, *, username: str = "campaigner", source="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=source)


def signed_in(client: Client) -> bool:
    return client.get("/admin/").status_code == 200


def test_forty_wrong_passwords_then_the_right_one_is_refused(staff):
    """After 40 wrong passwords from one source, the right one is refused too, with a
    translated message saying to wait; no session is made."""
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")  # staff whose browser asks for Dutch
    for n in range(40):
        response = attempt(client, f"wrong {n}")
        assert response.status_code == 200
    response = attempt(client, PASSWORD)
    assert response.status_code == 200
    assert "Te veel aanmeldpogingen" in response.content.decode()
    assert not signed_in(client)


def test_the_username_is_protected_from_many_sources(staff):
    """Guessing one username's password from many sources (each within its own limit) is
    throttled by the username's count."""
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")  # staff whose browser asks for Dutch
    for n in range(10):
        attempt(client, f"wrong {n}", source=f"198.51.100.{n}")
    response = attempt(client, PASSWORD, source="192.0.2.200")
    assert "Te veel aanmeldpogingen" in response.content.decode()
    assert not signed_in(client)


def test_one_source_cannot_try_many_usernames(staff):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")  # staff whose browser asks for Dutch
    for n in range(20):
        attempt(client, "guess", username=f"user{n}")
    response = attempt(client, PASSWORD)
    assert "Te veel aanmeldpogingen" in response.content.decode()
    assert not signed_in(client)


def test_within_the_limits_the_right_password_signs_in(staff):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")  # staff whose browser asks for Dutch
    for n in range(3):
        attempt(client, f"wrong {n}")
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


@override_settings(ADMIN_LOGIN_USER_LIMIT=2)
def test_the_limits_are_settings(staff):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")  # staff whose browser asks for Dutch
    for n in range(2):
        attempt(client, f"wrong {n}")
    assert "Te veel aanmeldpogingen" in attempt(client, PASSWORD).content.decode()


# Two-factor sign-in (django-otp, TOTP) ---------------------------------------------------


def code(device) -> str:
    """The code the authenticator app shows now."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def confirmed_device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def test_staff_with_an_authenticator_must_give_its_code(staff):
    """With a confirmed authenticator app, the password alone does not sign in; the password
    with the app's current code does. Without an app, the password is enough."""
    device = confirmed_device(staff)
    client = Client()
    response = attempt(client, PASSWORD)
    assert response.status_code == 200
    assert 'name="otp_token"' in response.content.decode()
    assert not signed_in(client)
    response = client.post(
        LOGIN,
        {
            "username": "campaigner",
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": "000000" if code(device) != "000000" else "111111",
        },
    )
    assert not signed_in(client)
    # django-otp makes one wait (1 s, doubling) after a wrong code: that time has passed.
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(
        LOGIN,
        {
            "username": "campaigner",
            "password": PASSWORD,
            "otp_device": device.persistent_id,  # the page's device list, its one entry
            "otp_token": code(device),
        },
    )
    assert response.status_code == 302
    assert signed_in(client)


@override_settings(ADMIN_SUPERUSER_2FA=True)
def test_a_superuser_without_an_authenticator_is_sent_to_set_one_up(staff):
    """In production a superuser who signs in with a password only reaches no admin page but
    the set-up; a wrong code is refused, the right one confirms the app and opens the admin."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    assert attempt(client, PASSWORD).status_code == 302
    response = client.get("/admin/petitions/signature/")
    assert (response.status_code, response["Location"]) == (302, "/admin/two-factor/")
    page = client.get("/admin/two-factor/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert page.context["secret"] in page.content.decode()
    assert "otpauth://totp/" in page.content.decode()
    response = client.post(
        "/admin/two-factor/", {"token": "000000" if code(device) != "000000" else "111111"}
    )
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302
    # django-otp makes one wait (1 s, doubling) after a wrong code: that time has passed.
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post("/admin/two-factor/", {"token": code(device)})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/petitions/signature/").status_code == 200


def test_without_the_production_rule_a_superuser_needs_no_authenticator(staff):
    client = Client()
    assert attempt(client, PASSWORD).status_code == 302
    assert client.get("/admin/petitions/signature/").status_code == 200


def test_the_setup_page_is_for_staff_only(db):
    response = Client().get("/admin/two-factor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@override_settings(ADMIN_SUPERUSER_2FA=True)
def test_the_two_factor_check_leaves_public_pages_free_of_vary_cookie(client):
    """With the production switch on, a public page is not marked `Vary: Cookie`: the check
    reads the session (and so the cookie) only on admin paths, and a page that varied on a
    cookie could be kept by no shared cache, the app's own micro-cache included."""
    for path in ("/nl/", "/en/sign/count.json", "/robots.txt"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "cookie" not in response.get("Vary", "").lower(), path
