"""Which origins may frame a page (core.security): https only, plain http on loopback only
when asked for, and nothing that could break out of the policy."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.security import origin_of, validate_frame_origins


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://www.bof.example/campagne/?x=1", "https://www.bof.example"),
        ("HTTPS://WWW.BOF.EXAMPLE", "https://www.bof.example"),
        ("https://bof.example:443/", "https://bof.example"),
        ("https://bof.example:8443/a", "https://bof.example:8443"),
        ("https://[2001:db8::1]:444/", "https://[2001:db8::1]:444"),
        ("http://bof.example/", None),
        ("http://127.0.0.1:8114/", None),
        ("ftp://bof.example/", None),
        ("https://*.bof.example/", None),
        ("https://bof.example';script-src/", None),
        ("bof.example", None),
        ("https://bof.example:99999/", None),
        ("", None),
    ],
)
def test_origin_of_a_website(url, origin):
    assert origin_of(url) == origin


def test_loopback_http_only_when_asked():
    assert origin_of("http://127.0.0.1:8114/x", loopback_http=True) == "http://127.0.0.1:8114"
    assert origin_of("http://localhost:8000", loopback_http=True) == "http://localhost:8000"
    assert origin_of("http://[::1]:8000", loopback_http=True) == "http://[::1]:8000"
    assert origin_of("http://192.168.1.2:8000", loopback_http=True) is None
    assert origin_of("http://127.0.0.1.example.org", loopback_http=True) is None


def test_campaign_list_of_origins():
    validate_frame_origins("https://a.example\n\n  https://b.example:8443  \nhttp://127.0.0.1:9")
    for bad in [
        "https://a.example/page",
        "http://a.example",
        "a.example",
        "https://a.example 'unsafe-inline'",
        "*",
    ]:
        with pytest.raises(ValidationError) as raised, translation.override("en"):
            validate_frame_origins(f"https://ok.example\n{bad}")
        with translation.override("en"):
            assert "is not an origin" in str(raised.value)


@given(st.text(max_size=80))
def test_an_accepted_origin_is_safe_in_the_policy(text):
    """Whatever a website field holds, an origin that comes out has no character that ends a
    source expression or a directive."""
    origin = origin_of(text, loopback_http=True)
    if origin is not None:
        assert origin.startswith(("https://", "http://"))
        assert not any(char in origin for char in " ;,'\"*\n\r\t")


def test_non_ascii_host_names_are_not_origins():
    """A policy header carries ASCII only: an internationalised name is given in its
    xn-- form."""
    assert origin_of("https://bürgerrechte.example/") is None
    assert (
        origin_of("https://xn--brgerrechte-ilb.example/") == "https://xn--brgerrechte-ilb.example"
    )
