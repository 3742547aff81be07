from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import SuperuserOnlyMixin
from outbox import selectors, services
from outbox.models import OutgoingMail

_SHOWN = ["template", "language", "status", "attempts", "next_attempt_at", "last_problem"]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    """The queue, and why mails fail: the problem and the SMTP code, never the mail server's
    own text (it names the address) and never whom a mail is for (encrypted)."""

    list_display = ["id", *_SHOWN, "failed_at"]
    list_filter = ["status", "problem", "template", "language"]
    fields = [*_SHOWN, "failed_at", "created_at"]
    readonly_fields = fields
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("last problem"), ordering="problem")
    def last_problem(self, mail: OutgoingMail) -> str:
        if not mail.problem:
            return ""
        label = mail.get_problem_display()
        return f"{mail.smtp_code} · {label}" if mail.smtp_code else str(label)

    @admin.action(description=_("Send the selected failed mails again"), permissions=["change"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutgoingMail]) -> None:
        count = services.mail_send_again(mails=list(queryset))
        self.message_user(
            request,
            ngettext("%(count)d mail queued again.", "%(count)d mails queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def changelist_view(self, request, extra_context=None):  # type: ignore[no-untyped-def]
        extra = {"outbox_trouble": selectors.outbox_trouble(), **(extra_context or {})}
        return super().changelist_view(request, extra)
