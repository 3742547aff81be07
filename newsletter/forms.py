from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.formguard import PublicForm
from privacy.identity import normalise_email


class SubscribeForm(PublicForm):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": _("Please enter a valid email address."),
            "max_length": _("This email address is too long."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        try:
            normalise_email(email)
        except ValidationError as exc:
            raise ValidationError(_("Please enter a valid email address."), code="invalid") from exc
        return email


class ConfirmForm(PublicForm):
    """The confirm button: only a POST from our own page confirms (mail scanners only GET)."""
