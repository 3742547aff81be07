"""The cookie-less origin check at its edges: trusted origins, direct navigation, a Host header
that is not ours."""

import pytest
from django.test import RequestFactory, override_settings

from core.formguard import is_same_origin


def post(**headers):
    return RequestFactory().post("/nl/sign/", **headers)


@override_settings(CSRF_TRUSTED_ORIGINS=["https://campaign.example"])
def test_an_origin_in_csrf_trusted_origins_is_accepted_and_no_other():
    """Behind a proxy that rewrites the Host header, the public origin listed in
    CSRF_TRUSTED_ORIGINS is accepted; an origin that is neither listed nor this host is not."""
    assert is_same_origin(post(HTTP_ORIGIN="https://campaign.example"))
    assert is_same_origin(
        post(HTTP_ORIGIN="https://campaign.example", HTTP_SEC_FETCH_SITE="same-origin")
    )
    assert not is_same_origin(post(HTTP_ORIGIN="https://campaign.example.evil"))
    assert not is_same_origin(post(HTTP_ORIGIN="http://campaign.example"))


def test_without_trusted_origins_only_this_host_counts():
    """With CSRF_TRUSTED_ORIGINS empty (the default), a foreign origin is refused."""
    assert not is_same_origin(post(HTTP_ORIGIN="https://campaign.example"))


@pytest.mark.parametrize(
    ("headers", "accepted"),
    [
        ({"HTTP_SEC_FETCH_SITE": "none"}, True),
        ({"HTTP_SEC_FETCH_SITE": "none", "HTTP_ORIGIN": "http://testserver"}, True),
        ({"HTTP_SEC_FETCH_SITE": "none", "HTTP_ORIGIN": "https://evil.example"}, False),
        ({"HTTP_SEC_FETCH_SITE": "none", "HTTP_ORIGIN": "null"}, False),
        ({"HTTP_SEC_FETCH_SITE": "None"}, False),
    ],
)
def test_sec_fetch_site_none_is_a_visitor_of_their_own(headers, accepted):
    """`Sec-Fetch-Site: none` (the visitor started the request themselves, e.g. resubmitting
    after a reload) is accepted like same-origin, as long as the Origin does not say
    otherwise; the header's value is matched exactly."""
    assert is_same_origin(post(**headers)) is accepted


def test_a_host_header_that_is_not_ours_is_refused_even_when_origin_matches_it():
    """A request for a host outside ALLOWED_HOSTS (DNS rebinding: an attacker's name pointing
    at this server) is refused, even though its Origin matches its own Host header."""
    request = post(HTTP_HOST="rebound.example", HTTP_ORIGIN="http://rebound.example")
    assert not is_same_origin(request)
