from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsletter.models import Subscription
from newsletter.selectors import subscription_counts_by_language


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Counts only: the address is sealed and the admin shows no personal data (not even
    the keyed hash)."""

    change_list_template = "admin/newsletter/subscription/change_list.html"
    list_display = ["__str__", "language", "is_confirmed", "created_at", "confirmed_at"]
    list_filter = ["language", ("confirmed_at", admin.EmptyFieldListFilter)]
    fields = ["language", "consent_version", "created_at", "confirmed_at"]
    readonly_fields = fields
    ordering = ["-created_at"]
    show_full_result_count = False

    @admin.display(boolean=True, description=_("confirmed"))
    def is_confirmed(self, obj: Subscription) -> bool:
        return obj.confirmed_at is not None

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def changelist_view(self, request, extra_context=None):  # type: ignore[no-untyped-def]
        counts = subscription_counts_by_language()
        extra_context = {
            **(extra_context or {}),
            "language_counts": counts,
            "total_confirmed": sum(row["confirmed"] for row in counts),
            "total_unconfirmed": sum(row["unconfirmed"] for row in counts),
        }
        return super().changelist_view(request, extra_context=extra_context)
