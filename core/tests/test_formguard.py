import pytest
from django import forms
from django.test import RequestFactory
from django.utils import translation

from core.formguard import (
    PublicForm,
    is_same_origin,
    issue_token,
    origin_refused,
    token_is_valid,
)
from core.tests.html import parse


@pytest.mark.parametrize(
    ("headers", "accepted"),
    [
        # Neither Origin nor Sec-Fetch-Site: only a Referer from one of our pages vouches.
        ({}, False),
        ({"HTTP_REFERER": "http://testserver/nl/sign/"}, True),
        ({"HTTP_REFERER": "https://testserver/nl/sign/"}, True),
        ({"HTTP_REFERER": "http://evil.example/nl/sign/"}, False),
        ({"HTTP_REFERER": "ftp://testserver/nl/sign/"}, False),
        ({"HTTP_REFERER": "http://[bad/"}, False),
        ({"HTTP_SEC_FETCH_SITE": "same-origin"}, True),
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
    token = issue_token("SignForm")
    assert token_is_valid(token, scope="SignForm")
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert not token_is_valid(tampered, scope="SignForm")
    assert not token_is_valid("", scope="SignForm")
    assert not token_is_valid(None, scope="SignForm")
    assert not token_is_valid("x" * 500, scope="SignForm")


def test_a_form_token_works_only_for_the_form_it_was_issued_for():
    """The token names its form: one taken from the newsletter form (or a mailed link's
    button) is refused by the petition form with the "please submit again" error."""

    class ResendForm(PublicForm):
        email = forms.EmailField()

    assert ResendForm.token_scope() == "ResendForm"
    other = issue_token("SubscribeForm")
    assert not token_is_valid(other, scope="ResendForm")
    form = ResendForm({"form_token": other, "email": "anna@example.org"})
    assert not form.is_valid()
    assert form.non_field_errors() == [str(ResendForm.token_error)]
    form = ResendForm({"form_token": issue_token("ResendForm"), "email": "anna@example.org"})
    assert form.is_valid()


# The layout lists the languages the campaign publishes (a database read).
@pytest.mark.django_db
def test_a_refused_post_gets_its_own_page_in_the_visitors_language_and_is_never_stored():
    """A POST from another site is answered 403 with the page that says the form was not
    sent from our page, rendered with the request (it offers itself in the other languages),
    and with headers that keep a browser or a shared cache from keeping it for the next
    visitor of the form."""
    with translation.override("en"):
        response = origin_refused(RequestFactory().post("/en/sign/"))
    assert response.status_code == 403
    page = parse(response.content)
    assert page.html_lang == "en"
    assert page.title.startswith("Form not accepted")
    assert page.meta["robots"] == "noindex"
    assert "nl" in {link.get("hreflang") for link in page.anchors}
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "no-cache", "max-age=0", "private"} <= directives
