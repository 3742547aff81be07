from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coalition import services
from coalition.forms import OrganisationAdminForm
from coalition.models import Organisation
from core.admin import ImagePipelineAdmin
from core.images import LOGO


@admin.register(Organisation)
class OrganisationAdmin(ImagePipelineAdmin):
    image_specs = {"logo": LOGO}
    """Review applications and edit the coalition. The contact person's details are sealed
    to the campaign's public key: the server cannot show them, and cannot mail the applicant
    about the decision. The campaign contacts them from the decrypted export
    (`manage.py export organisations`, then `manage.py decrypt` offline)."""

    form = OrganisationAdminForm
    list_display = ["name", "country", "status", "email_confirmed_at", "created_at", "order"]
    list_filter = ["status", ("email_confirmed_at", admin.EmptyFieldListFilter), "country"]
    search_fields = ["name", "website"]
    readonly_fields = ["language", "email_confirmed_at", "created_at", "reviewed_at"]
    fields = [
        "name",
        "country",
        "website",
        "logo",
        "statement",
        "order",
        "status",
        *readonly_fields,
    ]
    actions = ["approve", "reject"]

    def get_ordering(self, request):  # type: ignore[no-untyped-def]
        # Applications awaiting review first, then those awaiting the applicant's
        # confirmation, then the reviewed ones; newest first within each.
        review_rank = Case(
            When(
                Q(status=Organisation.Status.PENDING, email_confirmed_at__isnull=False),
                then=Value(0),
            ),
            When(status=Organisation.Status.PENDING, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return [review_rank.asc(), "-created_at"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if "status" in form.changed_data and obj.status != Organisation.Status.PENDING:
            obj.reviewed_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Approve the selected organisations"), permissions=["change"])
    def approve(self, request, queryset):  # type: ignore[no-untyped-def]
        self._review(request, queryset, Organisation.Status.APPROVED)

    @admin.action(description=_("Reject the selected organisations"), permissions=["change"])
    def reject(self, request, queryset):  # type: ignore[no-untyped-def]
        self._review(request, queryset, Organisation.Status.REJECTED)

    def _review(self, request: HttpRequest, queryset: QuerySet[Organisation], status: str) -> None:
        count = services.organisations_review(organisations=queryset, status=status)
        if status == Organisation.Status.APPROVED:
            message = ngettext(
                "%(count)d organisation approved.", "%(count)d organisations approved.", count
            )
        else:
            message = ngettext(
                "%(count)d organisation rejected.", "%(count)d organisations rejected.", count
            )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
