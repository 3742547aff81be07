from django.contrib import admin

from outbox.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "template",
        "language",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["status", "template", "language"]
    readonly_fields = [
        "template",
        "language",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
    ]
    exclude = ["payload"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
