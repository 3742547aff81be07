"""Hostile input on the newsletter forms: a clear error, nothing changed, never a 500."""

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from core.formguard import TOKEN_FIELD, PublicForm, issue_token
from core.tests.support import FORM_EXAMPLES, new_source
from newsletter.models import Subscription
from newsletter.tests.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db

# Strings no address can be: control characters, overlong, markup, lone surrogates.
# (Lone surrogates cannot be sent by any client: see test_invalid_utf8 for broken bytes.)
TEXT = st.characters(blacklist_categories=("Cs",))
not_an_address = st.one_of(
    st.text(TEXT, max_size=300).filter(lambda s: "@" not in s),
    st.text(alphabet=st.characters(max_codepoint=0x1F), min_size=1, max_size=30),
    st.builds(lambda n: "a" * n + "@example.org", st.integers(250, 2000)),
    st.sampled_from(
        [
            "<script>alert(1)</script>@example.org",
            '"><img src=x onerror=alert(1)>',
            "anna@exa\x00mple.org",
            "anna@example..org",
            "@example.org",
            "anna@",
        ]
    ),
)


@FORM_EXAMPLES
@given(email=not_an_address)
def test_invalid_addresses_get_a_clear_error(client, email):
    """Anything that is not an email address is answered with a translated error next to
    the field, and nothing is stored or sent."""
    mail.outbox.clear()
    response = client.post(
        "/nl/newsletter/",
        {TOKEN_FIELD: issue_token("SubscribeForm"), "email": email},
        REMOTE_ADDR=new_source(),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="field__error"' in body
    assert "<script>alert" not in body
    assert not Subscription.objects.exists()
    assert not mail.outbox


@FORM_EXAMPLES
@given(
    data=st.dictionaries(
        st.sampled_from(["email", TOKEN_FIELD, "nickname", "extra"]),
        st.one_of(st.text(TEXT, max_size=500), st.lists(st.text(TEXT, max_size=20), max_size=3)),
    )
)
def test_arbitrary_posts_never_fail(client, data):
    """Random form posts (wrong types, forged tokens) never produce a server error."""
    response = client.post("/nl/newsletter/", data, REMOTE_ADDR=new_source())
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert data.get(TOKEN_FIELD)  # only a valid token is ever accepted


@FORM_EXAMPLES
@given(token=st.text(TEXT, max_size=300))
def test_arbitrary_tokens_in_links(client, token):
    """Any text in the place of a confirm or unsubscribe token is a clear 404, no change."""
    from urllib.parse import quote

    SubscriptionFactory.create() if not Subscription.objects.exists() else None
    quoted = quote(token, safe="")
    for url in (f"/nl/newsletter/confirm/{quoted}/", f"/nl/newsletter/unsubscribe/{quoted}/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {TOKEN_FIELD: issue_token("ConfirmForm")}).status_code == 404
    assert Subscription.objects.count() == 1


def test_missing_form_token(client):
    """A POST without the page's form token is refused with a clear message."""
    response = client.post("/nl/newsletter/", {"email": "anna@example.org"})
    assert response.status_code == 400
    with translation.override("nl"):
        assert escape(str(PublicForm.token_error)) in response.content.decode()
    assert not Subscription.objects.exists()


def test_invalid_utf8(client):
    """Bytes that are not UTF-8 are answered with a clear error, never a 500."""
    body = f"{TOKEN_FIELD}={issue_token('SubscribeForm')}&email=anna%ff%fe@example.org".encode()
    response = client.post(
        "/nl/newsletter/", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_forged_form_token(client):
    """A token not signed by this server is refused."""
    response = client.post("/nl/newsletter/", {TOKEN_FIELD: "form:abc:def", "email": "a@b.org"})
    assert response.status_code == 400
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_cross_origin_post_is_forbidden(db, headers):
    """A POST from another site is refused with 403 and changes nothing."""
    response = Client().post(
        "/nl/newsletter/",
        {TOKEN_FIELD: issue_token("SubscribeForm"), "email": "a@b.org"},
        headers=headers,
    )
    assert response.status_code == 403
    assert not Subscription.objects.exists()


def test_honeypot_is_answered_the_same_and_stores_nothing(client):
    """A bot filling the hidden field gets the normal answer, but nothing happens."""
    mail.outbox.clear()
    response = client.post(
        "/nl/newsletter/",
        {TOKEN_FIELD: issue_token("SubscribeForm"), "email": "bot@example.org", "nickname": "x"},
    )
    assert response.status_code == 302
    assert not Subscription.objects.exists()
    assert not mail.outbox


def test_rate_limit_per_source(client):
    """One network source can only subscribe so many times an hour; then a clear 429."""
    from newsletter.views import SUBSCRIBE_LIMIT_PER_HOUR

    for n in range(SUBSCRIBE_LIMIT_PER_HOUR):
        response = client.post(
            "/nl/newsletter/",
            {TOKEN_FIELD: issue_token("SubscribeForm"), "email": f"r{n}@example.org"},
        )
        assert response.status_code == 302
    response = client.post(
        "/nl/newsletter/",
        {TOKEN_FIELD: issue_token("SubscribeForm"), "email": "one-more@example.org"},
    )
    assert response.status_code == 429
    assert Subscription.objects.count() == SUBSCRIBE_LIMIT_PER_HOUR
