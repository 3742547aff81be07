import pytest
from django.test import RequestFactory

from core.formguard import is_same_origin, issue_token, token_is_valid


@pytest.mark.parametrize(
    ("headers", "accepted"),
    [
        ({}, True),
        ({"HTTP_ORIGIN": "http://testserver"}, True),
        ({"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}, True),
        ({"HTTP_ORIGIN": "https://evil.example"}, False),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, False),
        ({"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://testserver"}, False),
        ({"HTTP_ORIGIN": "null"}, False),
        ({"HTTP_ORIGIN": "null", "HTTP_SEC_FETCH_SITE": "same-origin"}, True),
        ({"HTTP_ORIGIN": "null", "HTTP_SEC_FETCH_SITE": "cross-site"}, False),
    ],
)
def test_same_origin_decision(headers, accepted):
    """A public POST is accepted only when the browser's own headers place it on this site;
    `Origin: null` counts only when Sec-Fetch-Site vouches for it."""
    request = RequestFactory().post("/nl/form/", **headers)
    assert is_same_origin(request) is accepted


def test_form_tokens_are_signed():
    """A token issued by the site validates; a tampered, empty or overlong one does not."""
    token = issue_token()
    assert token_is_valid(token)
    assert not token_is_valid(token[:-1] + ("A" if token[-1] != "A" else "B"))
    assert not token_is_valid("")
    assert not token_is_valid(None)
    assert not token_is_valid("x" * 500)
