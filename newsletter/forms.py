from typing import Any

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The form sits on the home page next to the petition's: ids must not collide.
        kwargs.setdefault("auto_id", "newsletter-%s")
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        try:
            normalise_email(email)
        except ValidationError as exc:
            raise ValidationError(_("Please enter a valid email address."), code="invalid") from exc
        return email


class ConfirmForm(PublicForm):
    """The confirm button: only a POST from our own page confirms (mail scanners only GET)."""
