"""Hostile input on the coalition form: a clear error, nothing stored, never a 500."""

import pytest
from django.core import mail
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.models import Organisation
from coalition.tests.factories import image_upload
from core.formguard import TOKEN_FIELD, issue_token
from core.tests.support import FORM_EXAMPLES, new_source

pytestmark = pytest.mark.django_db

# Fewer than other forms: every example uploads and decodes an image.
HYPOTHESIS = settings(FORM_EXAMPLES, max_examples=30)
TEXT = st.characters(blacklist_categories=("Cs",))
CONTROL = st.text(
    alphabet=st.characters(min_codepoint=1, max_codepoint=0x1F).filter(lambda c: c not in "\t\n\r"),
    min_size=1,
    max_size=5,
)
VALID = {
    "name": "Stichting Vrij Internet",
    "website": "https://vrij.example.org",
    "country": "NL",
    "contact_email": "contact@vrij.example.org",
    "contact_name": "Jan de Vries",
    "statement": "",
}


def post(client, **overrides):
    data = {TOKEN_FIELD: issue_token("ApplyForm"), **VALID, "logo": image_upload(), **overrides}
    return client.post("/nl/coalition/join/", data, REMOTE_ADDR=new_source())


@HYPOTHESIS
@given(
    field=st.sampled_from(["name", "contact_name", "statement"]),
    prefix=st.text(TEXT, max_size=20),
    control=CONTROL,
)
def test_control_characters_are_refused(client, field, prefix, control):
    """Control characters in a text field get a clear error next to it; nothing stored."""
    mail.outbox.clear()
    response = post(client, **{field: "a" + prefix + control + "x"})
    assert response.status_code == 400
    assert 'class="field__error"' in response.content.decode()
    assert not Organisation.objects.exists()
    assert not mail.outbox


@HYPOTHESIS
@given(
    field=st.sampled_from(["name", "website", "contact_email", "contact_name", "statement"]),
    length=st.integers(1001, 5000),
)
def test_overlong_fields_are_refused(client, field, length):
    """Overlong input is refused with an error, whatever the field."""
    response = post(client, **{field: "a" * length})
    assert response.status_code == 400
    assert not Organisation.objects.exists()


@HYPOTHESIS
@given(
    data=st.dictionaries(
        st.sampled_from([*VALID, "logo", TOKEN_FIELD, "nickname"]),
        st.one_of(st.text(TEXT, max_size=300), st.lists(st.text(TEXT, max_size=10), max_size=3)),
    )
)
def test_arbitrary_posts_never_fail(client, data):
    """Random posts (wrong types, text where a file belongs, forged tokens) never 500."""
    response = client.post("/nl/coalition/join/", data, REMOTE_ADDR=new_source())
    assert response.status_code == 400
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "ftp://files.example.org", "data:text/html,hi", "http://"]
)
def test_only_web_addresses_are_accepted(client, website):
    """The website must be an http(s) address: no script or data URLs reach a link."""
    response = post(client, website=website)
    assert response.status_code == 400
    assert not Organisation.objects.exists()


def test_markup_is_stored_as_text_and_escaped(client):
    """HTML in the name is kept as plain text and escaped wherever it is shown."""
    name = '<script>alert("x")</script> Rights'
    assert post(client, name=name).status_code == 302
    assert Organisation.objects.get().name == name
    body = mail.outbox[-1].alternatives[0][0]
    assert "<script>" not in body


def test_missing_form_token(client):
    """A POST without the page's form token is refused."""
    data = {**VALID, "logo": image_upload()}
    response = client.post("/nl/coalition/join/", data, REMOTE_ADDR=new_source())
    assert response.status_code == 400
    assert not Organisation.objects.exists()


def test_cross_origin_post_is_forbidden(client):
    """A POST from another site is refused with 403."""
    data = {TOKEN_FIELD: issue_token("ApplyForm"), **VALID, "logo": image_upload()}
    response = client.post("/nl/coalition/join/", data, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert not Organisation.objects.exists()


def test_honeypot_stores_nothing(client):
    """A bot filling the hidden field gets the normal answer; nothing is stored or sent."""
    mail.outbox.clear()
    response = post(client, nickname="bot")
    assert response.status_code == 302
    assert not Organisation.objects.exists()
    assert not mail.outbox


def test_arbitrary_confirm_tokens(client):
    """Made-up confirmation tokens are a clear 404."""
    for token in ["x", "a" * 43, "%00", "é" * 200]:
        assert client.get(f"/nl/coalition/join/confirm/{token}/").status_code == 404
        response = client.post(
            f"/nl/coalition/join/confirm/{token}/", {TOKEN_FIELD: issue_token("ConfirmForm")}
        )
        assert response.status_code == 404
