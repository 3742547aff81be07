from django.contrib import admin

from outbox.models import OutgoingMail

_SHOWN = ["template", "language", "status", "attempts", "next_attempt_at", "last_error"]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["id", *_SHOWN]
    list_filter = ["status", "template", "language"]
    readonly_fields = [*_SHOWN, "created_at"]
    exclude = ["payload"]  # the recipient and links, encrypted: never shown

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
