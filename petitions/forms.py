"""The public petition forms. They only parse and validate; petitions.services writes."""

import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.formguard import PublicForm
from privacy.identity import normalise_email

NAME_MAX = 100
EMAIL_MAX = 254

# The 27 member states, listed first: the petition is addressed to the European Parliament.
EU_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
# Zero-width joiners are format characters that some scripts need inside names.
_ALLOWED_FORMAT = {"\u200c", "\u200d"}


# (EU, others) per language: the list is built once per process and language.
_country_groups: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {}


def country_choices() -> list[tuple[str, Any]]:
    """EU member states, then every other country, each group sorted by its name in the
    active language (django_countries translates and sorts them)."""
    language = get_language() or ""
    groups = _country_groups.get(language)
    if groups is None:
        eu = [(code, str(name)) for code, name in countries if code in EU_COUNTRIES]
        others = [(code, str(name)) for code, name in countries if code not in EU_COUNTRIES]
        groups = _country_groups[language] = (eu, others)
    eu, others = groups
    return [
        ("", _("Choose your country")),
        (_("European Union"), eu),
        (_("Other countries"), others),
    ]


def validate_clean_text(value: str) -> None:
    """Refuse control, private-use, unassigned and replacement characters (what a broken
    encoding or a script leaves behind), and markup: no name needs < or >."""
    for char in value:
        category = unicodedata.category(char)
        if category in {"Cc", "Cs", "Co", "Cn", "Zl", "Zp"} or char == "\ufffd":
            raise ValidationError(_("This contains characters that are not allowed."), "chars")
        if category == "Cf" and char not in _ALLOWED_FORMAT:
            raise ValidationError(_("This contains characters that are not allowed."), "chars")
        if char in "<>":
            raise ValidationError(_("Please leave out the characters < and >."), "markup")


def validate_name(value: str) -> None:
    validate_clean_text(value)
    if not any(unicodedata.category(char).startswith("L") for char in value):
        raise ValidationError(_("Please enter a name."), "letters")


class DescribedErrorsMixin(forms.Form):
    """Point each invalid input at its error message (aria-describedby), so screen readers
    read the error with the field."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"


class SignForm(DescribedErrorsMixin, PublicForm):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=NAME_MAX,
        validators=[validate_name],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=NAME_MAX,
        validators=[validate_name],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=EMAIL_MAX,
        validators=[validate_clean_text],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)
    consent = forms.BooleanField(required=False)

    def __init__(self, *args: Any, consent_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if consent_text:
            # The exact wording the campaign approved, recorded with its version on signing.
            self.fields["consent"].label = consent_text
        else:
            del self.fields["consent"]

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        try:
            normalise_email(email)
        except ValidationError as exc:
            raise ValidationError(_("Enter a valid email address."), "invalid") from exc
        return email


class ResendForm(DescribedErrorsMixin, PublicForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=EMAIL_MAX,
        validators=[validate_clean_text],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
