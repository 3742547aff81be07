"""Hostile input on the sign and resend forms: a clear error, nothing stored, never a 500."""

import pytest
from django.core import mail
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from core.formguard import issue_token
from core.tests.support import FORM_EXAMPLES
from petitions.models import Signature

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("petition"),
]
high_limits = override_settings(
    SIGN_SOFT_LIMIT=10**6, SIGN_HARD_LIMIT=10**6, RESEND_SOURCE_LIMIT=10**6
)

VALID = {"first_name": "Anna", "last_name": "Jansen", "email": "anna@example.org", "country": "NL"}

# Lone surrogates cannot travel in an HTTP body (the client cannot encode them); they are
# checked on the form directly below, broken bytes through a raw body.
control = st.characters(categories=["Cc", "Co", "Cf"], exclude_characters="\r\n\t\u200c\u200d")
with_control = st.tuples(st.text(max_size=20), control, st.text(max_size=20)).map("".join)
overlong = st.text(min_size=101, max_size=400).filter(lambda s: len(s.strip()) > 100)
markup = st.sampled_from(
    ["<script>alert(1)</script>", "Anna<img src=x onerror=alert(1)>", "<b>Jan</b>", "a>b"]
)
bad_name = st.one_of(with_control, overlong, markup)
bad_email = st.one_of(
    st.text(max_size=60).filter(lambda s: "@" not in s),
    st.text(min_size=250, max_size=400).map(lambda s: "a" * 250 + s + "@example.org"),
    st.tuples(st.text(min_size=1, max_size=10), control).map(lambda t: f"{t[0]}{t[1]}@example.org"),
    st.sampled_from(["<script>@example.org", "a@<b>.org", "anna@@example.org", "a@-x-.org"]),
)
bad_country = st.text(max_size=10).filter(lambda s: s.strip().upper() != s.strip() or len(s) != 2)


def post_sign(client, **overrides):
    data = {**VALID, "form_token": issue_token("SignForm"), **overrides}
    return client.post("/nl/sign/", data)


def assert_refused(response, field: str) -> None:
    assert response.status_code == 400
    assert f'id="sign-{field}_error"' in response.content.decode()
    assert not Signature.objects.exists()
    assert not mail.outbox


@high_limits
@FORM_EXAMPLES
@given(field=st.sampled_from(["first_name", "last_name"]), value=bad_name)
def test_bad_names_are_refused(client, field, value):
    assert_refused(post_sign(client, **{field: value}), field)


@high_limits
@FORM_EXAMPLES
@given(value=bad_email)
def test_bad_emails_are_refused(client, value):
    assert_refused(post_sign(client, email=value), "email")


@high_limits
@FORM_EXAMPLES
@given(value=bad_country)
def test_unknown_countries_are_refused(client, value):
    assert_refused(post_sign(client, country=value), "country")


@high_limits
@FORM_EXAMPLES
@given(
    data=st.dictionaries(
        st.sampled_from(
            ["first_name", "last_name", "email", "country", "consent", "form_token", "x"]
        ),
        st.one_of(st.text(max_size=300), st.lists(st.text(max_size=30), max_size=3)),
    )
)
def test_arbitrary_posts_never_fail(client, data):
    """Any mix of fields, missing fields, repeated fields (lists) and junk gives a page,
    never a server error; without a valid form token nothing is stored."""
    response = client.post("/nl/sign/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert not Signature.objects.exists()


@high_limits
def test_invalid_utf8_is_refused(client):
    """Bytes that are not UTF-8 become replacement characters, which are refused."""
    body = (
        f"form_token={issue_token('SignForm')}&first_name=%FF%FEAnna&last_name=Jansen"
        "&email=a%40example.org&country=NL"
    )
    response = client.generic(
        "POST", "/nl/sign/", body, content_type="application/x-www-form-urlencoded"
    )
    assert_refused(response, "first_name")


def test_lone_surrogates_are_refused_by_the_form():
    from petitions.forms import SignForm

    form = SignForm({**VALID, "form_token": issue_token("SignForm"), "last_name": "Jan\ud800sen"})
    assert not form.is_valid()
    assert "last_name" in form.errors


@high_limits
def test_multipart_and_json_bodies_do_not_break_the_form(client):
    response = client.post("/nl/sign/", b'{"first_name": "A"}', content_type="application/json")
    assert response.status_code == 400
    assert not Signature.objects.exists()


@high_limits
def test_html_in_names_is_never_reflected_unescaped(client):
    response = post_sign(client, first_name="<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in response.content.decode()


@high_limits
@FORM_EXAMPLES
@given(value=bad_email)
def test_resend_refuses_bad_emails(client, value):
    response = client.post(
        "/nl/sign/resend/", {"form_token": issue_token("ResendForm"), "email": value}
    )
    assert response.status_code == 400
    assert 'id="resend-email_error"' in response.content.decode()
    assert not mail.outbox


@high_limits
def test_resend_without_token_or_from_elsewhere(client):
    response = client.post("/nl/sign/resend/", {"email": "anna@example.org"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    response = client.post(
        "/nl/sign/resend/",
        {"form_token": issue_token("ResendForm"), "email": "anna@example.org"},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert not mail.outbox


def test_get_only_pages_refuse_other_methods(client):
    assert client.put("/nl/sign/").status_code == 405
    assert client.get("/nl/sign/resend/").status_code == 405
    assert client.post("/nl/sign/count.json").status_code == 405
