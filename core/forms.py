"""What the public forms share: how a form and each of its fields are rendered, and the
fields for an email address and for plain text, each written once.

A public form renders itself (`{{ form }}`, core/templates/core/form.html): its non-field
errors as an alert, the hidden guard fields of core.formguard, then every visible field as
one group (core/templates/core/field.html). Django ties each input to its help text and its
error (`aria-describedby="<id>_helptext <id>_error"`, `aria-invalid`); the group gives those
texts exactly these ids, so a screen reader reads the error with the field, on every form.
"""

import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from core.images import ImageSpec, image_clean
from privacy.identity import normalise_email

# Zero-width (non-)joiners are format characters that some scripts need inside words.
_ALLOWED_FORMAT = frozenset({"\u200c", "\u200d"})
# Control characters, surrogates, private-use and unassigned code points, line and
# paragraph separators: what a broken encoding or a script leaves behind, never text.
_NOT_TEXT = frozenset({"Cc", "Cs", "Co", "Cn", "Zl", "Zp"})
_LINE_BREAKS = frozenset("\n\r\t")
NOT_PLAIN_TEXT = _("This contains characters that are not allowed.")


class FieldGroupRenderer(DjangoTemplates):
    field_template_name = "core/field.html"


# One instance: its template engine (and the templates it has read) serve every form.
field_group_renderer = FieldGroupRenderer()


def validate_plain_text(value: str, *, multiline: bool = False) -> None:
    """Refuse characters that are not text (see _NOT_TEXT), the replacement character and
    invisible format characters; tab and line breaks only where the field is `multiline`."""
    for char in value:
        if multiline and char in _LINE_BREAKS:
            continue
        category = unicodedata.category(char)
        if (
            category in _NOT_TEXT
            or char == "\ufffd"
            or (category == "Cf" and char not in _ALLOWED_FORMAT)
        ):
            raise ValidationError(NOT_PLAIN_TEXT, code="chars")


class PlainTextField(forms.CharField):
    """Text typed by a person: a name, a statement. Only text, checked as it was sent
    (before white space is stripped: Python counts some control characters as white
    space); `multiline` allows line breaks and tabs."""

    def __init__(self, *, multiline: bool = False, **kwargs: Any) -> None:
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        if isinstance(value, str):
            validate_plain_text(value, multiline=self.multiline)
        return str(super().to_python(value))


class EmailAddressField(forms.EmailField):
    """An email address the privacy rules can normalise (privacy.identity), so a person who
    made a typo is told here, not after being sent to check their inbox. The value is kept
    as typed (stripped): mail goes to the address the person wrote."""

    default_error_messages = {
        "invalid": _("Please enter a valid email address."),
        "max_length": _("This email address is too long."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        if isinstance(value, str):
            validate_plain_text(value)
        return str(super().to_python(value))

    def clean(self, value: Any) -> str:
        email: str = super().clean(value)
        if email:
            try:
                normalise_email(email)
            except ValidationError as exc:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        return email


class ImageUploadField(forms.FileField):
    """An uploaded image, cleaned by the image pipeline (core.images): what the form hands
    on is the re-encoded copy, never the file as it was sent."""

    def __init__(self, *, spec: ImageSpec, **kwargs: Any) -> None:
        self.spec = spec
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def to_python(self, data: Any) -> Any:
        upload = super().to_python(data)
        if upload is None:
            return None
        return image_clean(upload=upload, spec=self.spec)
