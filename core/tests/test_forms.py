"""The fields every public form shares (core.forms), and how a form renders its errors."""

import unicodedata

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.formguard import TOKEN_FIELD, PublicForm, issue_token
from core.forms import NOT_PLAIN_TEXT, EmailAddressField, PlainTextField

NOT_TEXT = st.characters(categories=["Cc", "Co", "Cf", "Zl", "Zp"]).filter(
    lambda char: char not in "\u200c\u200d"
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# Text as people type it; U+FFFD (a symbol, "So") is what a broken encoding leaves, refused.
TEXT = st.text(
    st.characters(categories=["L", "M", "N", "P", "Zs", "S"], exclude_characters="\ufffd"),
    max_size=20,
)


@given(before=TEXT, char=NOT_TEXT, after=TEXT)
def test_text_with_a_character_that_is_not_text_is_refused_wherever_it_stands(before, char, after):
    """Control, format, private-use and separator characters are refused, also where white
    space would be stripped (Python strips some control characters as white space)."""
    for multiline in (False, True):
        if multiline and char in "\n\r\t":
            continue
        with pytest.raises(ValidationError) as refused:
            PlainTextField(multiline=multiline).clean(before + char + after)
        assert refused.value.code == "chars"


@given(TEXT)
def test_plain_text_is_kept_stripped(value):
    assert PlainTextField(required=False).clean(value) == value.strip()


@pytest.mark.parametrize(
    "value",
    [
        "Zoë",
        "O'Brien",
        "\u0639\u0644\u06cc\u200c\u0631\u0636\u0627",
        "👩\u200d🔬",
        "Łukasz Żółć",
        "李 小龍",
    ],
    ids=["accent", "apostrophe", "zwnj", "zwj", "polish", "spaces"],
)
def test_names_of_every_script_are_text(value):
    assert PlainTextField().clean(value) == value


def test_line_breaks_and_tabs_only_where_the_field_is_multiline():
    assert PlainTextField(multiline=True).clean("one\n\ttwo\r\n") == "one\n\ttwo"
    for value in ("one\ntwo", "one\ttwo"):
        with pytest.raises(ValidationError):
            PlainTextField().clean(value)


@pytest.mark.parametrize("value", ["\ufffd", "\ud800", "\U0010ffff", "\u0378", "\u2028", "\u2029"])
def test_replacement_surrogate_private_unassigned_and_separator_characters_are_refused(value):
    assert unicodedata.category(value) in {"So", "Cs", "Co", "Cn", "Zl", "Zp"}
    with pytest.raises(ValidationError):
        PlainTextField(multiline=True).clean(f"a{value}b")


@pytest.mark.parametrize(
    "value", [" Anna.Jansen+petitie@Example.org ", "zoe@bücher.example", "a.b@gmail.com"]
)
def test_an_address_is_kept_as_typed_but_stripped(value):
    assert EmailAddressField().clean(value) == value.strip()


@pytest.mark.parametrize(
    "value",
    ["anna", "anna@", "@example.org", "anna@example", "anna@-x-.org", "+only-a-tag@example.org"],
)
def test_what_cannot_be_normalised_is_not_an_address(value):
    """Not an address, or one whose normal form is none (nothing before its +tag)."""
    with pytest.raises(ValidationError) as refused:
        EmailAddressField().clean(value)
    assert refused.value.messages == ["Please enter a valid email address."]


def test_an_address_with_invisible_characters_is_refused():
    with pytest.raises(ValidationError) as refused:
        EmailAddressField().clean("an\u200bna@example.org")
    assert refused.value.code == "chars"


def test_an_overlong_address_says_so():
    with pytest.raises(ValidationError) as refused:
        EmailAddressField().clean("a" * 250 + "@example.org")
    assert "This email address is too long." in refused.value.messages


class Trial(PublicForm):
    id_prefix = "trial"
    name = PlainTextField(label="Name", help_text="As you like to be called.")
    agree = forms.BooleanField(label="I agree")


class Contact(PublicForm):
    email = EmailAddressField()


def test_each_input_is_tied_to_its_help_and_error_the_same_way():
    """One rendering for every public form: the label, the input pointing at its help text
    and error (aria-describedby) by the ids they carry; an error summary first, focused,
    with the form's own error and a link to each field in error."""
    html = str(Trial({TOKEN_FIELD: "forged", "name": "\x00"}))
    assert '<div class="error-summary" role="alert" tabindex="-1" autofocus' in html
    assert f"<li>{Trial.token_error}</li>" in html
    assert f'<li><a href="#trial-name">Name: {NOT_PLAIN_TEXT}</a></li>' in html
    assert '<li><a href="#trial-agree">I agree: This field is required.</a></li>' in html
    assert 'aria-invalid="true" aria-describedby="trial-name_helptext trial-name_error"' in html
    assert '<p class="field__help" id="trial-name_helptext">As you like to be called.</p>' in html
    assert '<p class="field__error" id="trial-name_error">' in html
    assert '<label class="field__check" for="trial-agree"><input type="checkbox"' in html
    assert 'type="email" name="email" autocomplete="email" maxlength="254"' in str(
        Contact()["email"]
    )
    assert f'name="{TOKEN_FIELD}" value="' in html


def test_a_form_without_errors_marks_nothing_invalid():
    html = str(
        Trial({TOKEN_FIELD: issue_token(Trial.token_scope()), "name": "Anna", "agree": "on"})
    )
    assert "aria-invalid" not in html
    assert 'aria-describedby="trial-name_helptext"' in html
    assert "field__error" not in html and 'role="alert"' not in html
    assert "error-summary" not in html
