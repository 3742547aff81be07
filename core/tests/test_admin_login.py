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
    client = Client()
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
    client = Client()
    for n in range(10):
        attempt(client, f"wrong {n}", source=f"198.51.100.{n}")
    response = attempt(client, PASSWORD, source="192.0.2.200")
    assert "Te veel aanmeldpogingen" in response.content.decode()
    assert not signed_in(client)


def test_one_source_cannot_try_many_usernames(staff):
    client = Client()
    for n in range(20):
        attempt(client, "guess", username=f"user{n}")
    response = attempt(client, PASSWORD)
    assert "Te veel aanmeldpogingen" in response.content.decode()
    assert not signed_in(client)


def test_within_the_limits_the_right_password_signs_in(staff):
    client = Client()
    for n in range(3):
        attempt(client, f"wrong {n}")
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


@override_settings(ADMIN_LOGIN_USER_LIMIT=2)
def test_the_limits_are_settings(staff):
    client = Client()
    for n in range(2):
        attempt(client, f"wrong {n}")
    assert "Te veel aanmeldpogingen" in attempt(client, PASSWORD).content.decode()
