from django.utils.translation import gettext_lazy as _

from core.formguard import PublicForm
from core.forms import EmailAddressField


class SubscribeForm(PublicForm):
    id_prefix = "newsletter"
    email = EmailAddressField(
        label=_("Your email address"),
        error_messages={"required": _("Please enter your email address.")},
    )
