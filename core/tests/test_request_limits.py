"""Requests the site refuses before they cost anything: too large, or naming a file that
cannot exist."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/nl/sign/", "/en/coalition/join/", "/admin/login/"])
def test_a_body_over_the_cap_answers_413_with_a_translated_page(client, settings, url):
    """A body over MAX_REQUEST_BYTES is refused as soon as its length is known, in the
    visitor's language, and never cached; nothing reads or stores it."""
    settings.MAX_REQUEST_BYTES = 1000
    body = b"first_name=" + b"a" * 2000
    response = client.generic("POST", url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    html = response.content.decode()
    # The admin speaks the browser's language, else English (the site's fallback).
    assert ("Te groot" in html) if url.startswith("/nl/") else ("Too large" in html)
    assert "no-store" in response["Cache-Control"]


def test_a_body_under_the_cap_goes_through(client, settings, form_post):
    settings.MAX_REQUEST_BYTES = 100_000
    assert form_post("/nl/sign/", {"first_name": "a" * 2000}).status_code == 400


def test_a_lying_content_length_is_not_a_500(settings):
    """A Content-Length that is not a number: Django reads no body; the form answers 400."""
    response = Client().generic(
        "POST", "/nl/sign/", b"", CONTENT_LENGTH="12abc", content_type="text/plain"
    )
    assert response.status_code in (400, 403)


@pytest.mark.parametrize(
    "name", ["a" * 256 + ".png", "b" * 300, "logos/" + "c" * 4000, "x\x00.png", "%00.png"]
)
def test_a_media_name_the_file_system_refuses_is_a_404(client, settings, tmp_path, name):
    settings.MEDIA_ROOT = tmp_path
    assert client.get(f"/media/{name}").status_code == 404


def test_a_media_file_is_served(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    response = client.get("/media/logo.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\x89PNG"
    assert "public" in response["Cache-Control"]
