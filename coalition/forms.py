from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from coalition.logos import logo_clean, logo_precheck
from coalition.models import Organisation
from core.formguard import PublicForm
from core.forms import EmailAddressField, PlainTextField


class ApplyForm(PublicForm):
    id_prefix = "coalition"
    name = PlainTextField(
        label=_("Name of the organisation"),
        max_length=200,
        error_messages={"required": _("Please enter the name of your organisation.")},
    )
    website = forms.URLField(
        label=_("Website"),
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={
            "required": _("Please enter your organisation's website."),
            "invalid": _("Please enter a valid web address, like https://example.org."),
        },
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("", "—")],  # filled in __init__ so the names follow the page's language
        error_messages={
            "required": _("Please choose a country."),
            "invalid_choice": _("Please choose a country from the list."),
        },
    )
    contact_email = EmailAddressField(
        label=_("Contact email address"),
        help_text=_("We send a confirmation link to this address. It is stored encrypted."),
        error_messages={"required": _("Please enter an email address.")},
    )
    contact_name = PlainTextField(
        label=_("Contact person (optional)"), max_length=200, required=False
    )
    logo = forms.FileField(
        label=_("Logo"),
        help_text=_("PNG, JPEG or WebP, at most 1 MB."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        error_messages={
            "required": _("Please upload your organisation's logo."),
            "invalid": _("The upload did not arrive as a file. Please choose the file again."),
            "empty": _("The uploaded file is empty."),
        },
    )
    statement = PlainTextField(
        multiline=True,
        label=_("Why do you support the campaign? (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)
        country.choices = [("", "—"), *list(countries)]

    def clean_logo(self) -> Any:
        # Only the cheap checks here: the logo is decoded in clean(), once every other field
        # and the form token are valid, so a form that fails anyway never costs a decode.
        logo = self.cleaned_data["logo"]
        logo_precheck(upload=logo)
        return logo

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and "logo" in cleaned:
            try:
                cleaned["logo"] = logo_clean(upload=cleaned["logo"])
            except forms.ValidationError as exc:
                self.add_error("logo", exc)
        return cleaned


class OrganisationAdminForm(forms.ModelForm):
    """Campaigners' uploads go through the same logo checks as applicants'."""

    website = forms.URLField(
        label=_("Website"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )

    source_code = forms.SlugField(
        label=_("Source code"),
        max_length=40,
        required=False,
        help_text=Organisation._meta.get_field("source_code").help_text,
        error_messages={
            "invalid": _("Use only lower-case letters, digits and hyphens, like my-ngo."),
            "max_length": _("A source code has at most %(limit_value)d characters."),
        },
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "country",
            "website",
            "logo",
            "statement",
            "order",
            "status",
            "source_code",
        ]

    def clean_source_code(self) -> str | None:
        # Codes are matched in lower case; an empty one is "none yet" (approval gives one).
        code = (self.cleaned_data.get("source_code") or "").strip().lower()
        if not code:
            return None
        taken = Organisation.objects.filter(source_code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Another organisation has this source code. Please choose another."),
                code="taken",
            )
        return code

    def clean_logo(self):  # type: ignore[no-untyped-def]
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            return logo_clean(upload=logo)
        return logo
