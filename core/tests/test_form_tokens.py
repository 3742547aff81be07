"""The signed form token: how long it lives and how long it may be."""

import types

import pytest
from django.core import signing

from core import formguard
from core.formguard import issue_token, token_is_valid

DAY = 24 * 60 * 60
ISSUED = 1_750_000_000.0


@pytest.fixture
def clock(monkeypatch):
    """The signer's clock, set by the test (a token's age is the clock's difference)."""
    now = types.SimpleNamespace(value=ISSUED)
    monkeypatch.setattr(signing, "time", types.SimpleNamespace(time=lambda: now.value))
    return now


def test_a_form_token_works_for_a_day_and_then_expires(clock):
    """A page left open for a day can still be submitted; after that the token has expired
    and the visitor is asked to submit again (a harvested token cannot be replayed for ever)."""
    token = issue_token("SignForm")
    clock.value = ISSUED + DAY
    assert token_is_valid(token, scope="SignForm")
    clock.value = ISSUED + DAY + 1
    assert not token_is_valid(token, scope="SignForm")
    clock.value = ISSUED + 365 * DAY
    assert not token_is_valid(token, scope="SignForm")


def test_an_expired_token_gets_the_submit_again_error(clock):
    """The public form reports an expired token with its clear "please submit again" error,
    not as a valid submission."""
    token = issue_token("PublicForm")
    clock.value = ISSUED + DAY + 60
    form = formguard.PublicForm(data={formguard.TOKEN_FIELD: token})
    assert not form.is_valid()
    assert form.non_field_errors() == [str(formguard.PublicForm.token_error)]


def signed_token_of_length(length: int) -> tuple[str, str]:
    """A token the site itself could have signed (same key and salt) for a form whose name
    pads it to `length`, and that name."""
    signer = signing.TimestampSigner(salt=formguard._SALT)
    overhead = len(signer.sign(""))
    scope = "x" * (length - overhead)
    token = signer.sign(scope)
    assert len(token) == length
    return token, scope


def test_tokens_over_200_characters_are_refused_before_any_signature_check(clock):
    """The site's own tokens are about 60 characters. Up to 200 a token is checked by its
    signature; a longer one is refused unread, even when correctly signed, so a huge field is
    never fed to the signature check."""
    assert len(issue_token("SignForm")) < 100
    token, scope = signed_token_of_length(200)
    assert token_is_valid(token, scope=scope)
    token, scope = signed_token_of_length(201)
    assert not token_is_valid(token, scope=scope)
