"""The Content-Security-Policy (django-csp): one policy for the site, and a view that carries
its own."""

import pytest
from django.http import HttpResponse
from django.urls import path

from core.caching import cached_page
from core.security import embeddable_by

pytestmark = pytest.mark.django_db

PARTNER = "https://partner.example"


@embeddable_by(PARTNER)
@cached_page()
def _embed(request):
    return HttpResponse("<p>embed</p>")


def _plain(request):
    return HttpResponse("<p>plain</p>")


urlpatterns = [path("embed/", _embed), path("plain/", _plain)]


def _directives(response) -> dict[str, str]:
    parts = (p.strip().split(" ", 1) for p in response["Content-Security-Policy"].split(";"))
    return {name: value for name, value in parts}


def test_every_page_gets_the_site_policy(client):
    for url in ("/nl/", "/nl/sign/", "/robots.txt", "/nl/no-such-page/"):
        directives = _directives(client.get(url))
        assert directives["default-src"] == "'self'", url
        assert directives["script-src"] == "'self'", url
        assert directives["frame-ancestors"] == "'none'", url
        assert directives["object-src"] == "'none'", url


@pytest.mark.urls(__name__)
def test_a_view_can_carry_its_own_frame_ancestors_even_from_the_page_cache(client):
    """The partner embed's hook: its own frame-ancestors (and no X-Frame-Options: DENY),
    rendered or served from the page cache; every other page keeps 'none'."""
    for _ in range(2):
        response = client.get("/embed/")
        directives = _directives(response)
        assert directives["frame-ancestors"] == PARTNER
        assert directives["script-src"] == "'self'"
        assert "X-Frame-Options" not in response
    plain = client.get("/plain/")
    assert _directives(plain)["frame-ancestors"] == "'none'"
    assert plain["X-Frame-Options"] == "DENY"


def test_embeddable_by_wants_https_origins():
    with pytest.raises(ValueError, match="https"):
        embeddable_by("http://partner.example")
    with pytest.raises(ValueError, match="https"):
        embeddable_by("*")
