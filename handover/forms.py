"""The hand-over's admin forms: what goes into the delivery pack, which signers to export."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core import languages
from core.translation import default_language


class DateInput(forms.DateInput):
    input_type = "date"


class DeliveryPackForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the petition text"))
    since = forms.DateField(
        label=_("Confirmed from"),
        required=False,
        widget=DateInput,
        help_text=_("Leave both dates empty for every signature counted so far."),
    )
    until = forms.DateField(
        label=_("Confirmed until (inclusive)"), required=False, widget=DateInput
    )
    by_language = forms.BooleanField(
        label=_("Add a table of signatures by language"), required=False, initial=True
    )
    organisations = forms.BooleanField(
        label=_("Add the endorsing organisations (names and countries)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = [(code, languages.name(code)) for code in languages.configured()]
        language.initial = default_language()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The period must start before it ends."))
        return cleaned


class SignerExportForm(forms.Form):
    CONSENT_CHOICES = [
        ("", _("Everyone")),
        ("yes", _("Only those who agreed to hear from the campaign")),
        ("no", _("Only those who did not")),
    ]

    country = forms.ChoiceField(label=_("Country"), required=False)
    consent = forms.ChoiceField(label=_("Contact consent"), required=False, choices=CONSENT_CHOICES)
    confirmed_only = forms.BooleanField(
        label=_("Only confirmed signatures"), required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)
        # Country names in the admin's language, read when the form is made.
        country.choices = [("", _("Every country")), *((c.code, c.name) for c in countries)]
