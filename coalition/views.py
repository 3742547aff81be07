from typing import Any

from django.utils.translation import get_language

from coalition import selectors, services
from coalition.forms import ApplyForm
from core import optin

APPLICATIONS_PER_HOUR = 10


def _apply(data: dict[str, Any]) -> None:
    services.organisation_apply(**data, language=get_language())


apply = optin.form_view(
    app="coalition",
    page="apply",
    form_class=ApplyForm,
    per_hour=APPLICATIONS_PER_HOUR,
    act=_apply,
)
sent = optin.sent_view("coalition/sent.html")
confirm = optin.link_view(
    app="coalition",
    find=selectors.organisation_by_confirmation_token,
    act=services.organisation_confirm_email,
    expires="confirmation_expires_at",
    context=lambda organisation: {"organisation": organisation},
)
confirmed = optin.done_view("coalition/confirmed.html")
