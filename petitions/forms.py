"""The public petition forms. They only parse and validate; petitions.services writes."""

import unicodedata
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.formguard import PublicForm
from core.forms import EmailAddressField, PlainTextField
from petitions.europe import EU_MEMBER_STATES

NAME_MAX = 100

# (EU, others) per language: the list is built once per process and language.
_country_groups: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {}


def country_choices() -> list[tuple[str, Any]]:
    """EU member states, then every other country, each group sorted by its name in the
    active language (django_countries translates and sorts them)."""
    language = get_language() or ""
    groups = _country_groups.get(language)
    if groups is None:
        eu = [(code, str(name)) for code, name in countries if code in EU_MEMBER_STATES]
        others = [(code, str(name)) for code, name in countries if code not in EU_MEMBER_STATES]
        groups = _country_groups[language] = (eu, others)
    eu, others = groups
    return [
        ("", _("Choose your country")),
        (_("European Union"), eu),
        (_("Other countries"), others),
    ]


@cache
def _country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


class CountryChoiceField(forms.ChoiceField):
    """The country select. A value is valid when it is a country's code: a set look-up, where
    ChoiceField would build and walk the whole translated, grouped list on every check."""

    def valid_value(self, value: str) -> bool:
        return value in _country_codes()


def validate_name(value: str) -> None:
    """A name needs a letter, and no markup (no name needs < or >)."""
    if any(char in "<>" for char in value):
        raise ValidationError(_("Please leave out the characters < and >."), "markup")
    if not any(unicodedata.category(char).startswith("L") for char in value):
        raise ValidationError(_("Please enter a name."), "letters")


class SignForm(PublicForm):
    id_prefix = "sign"
    first_name = PlainTextField(
        label=_("First name"),
        max_length=NAME_MAX,
        validators=[validate_name],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = PlainTextField(
        label=_("Last name"),
        max_length=NAME_MAX,
        validators=[validate_name],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = EmailAddressField(label=_("Email address"))
    country = CountryChoiceField(label=_("Country"), choices=country_choices)
    consent = forms.BooleanField(required=False)
    # The partner organisation's source code from the page's ?src=, carried in the form
    # (never a cookie or the referrer). The sign service keeps it only if it is an approved
    # organisation's; anything else is dropped without an error.
    src = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, consent_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if consent_text:
            # The exact wording the campaign approved, recorded with its version on signing.
            self.fields["consent"].label = consent_text
        else:
            del self.fields["consent"]

    def clean_src(self) -> str:
        # Not the signer's mistake whatever it holds: never an error, at most no source.
        code = (self.cleaned_data.get("src") or "").strip().lower()
        return code if len(code) <= 40 else ""


class ResendForm(PublicForm):
    id_prefix = "resend"
    email = EmailAddressField(label=_("Email address"))
