"""The petition in the admin: counts and invalidation, never a name or an address (the
server cannot read them: they are sealed to the campaign's public key)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from petitions import services
from petitions.models import Signature, SignatureTally


class InvalidateFilterForm(forms.Form):
    domain = forms.CharField(
        label=_("Email domain"),
        required=False,
        max_length=253,
        help_text=_("For example example.com. Matched by its keyed hash."),
    )
    source_key = forms.CharField(label=_("Source"), required=False, max_length=32)
    since = forms.DateTimeField(label=_("Signed from"), required=False)
    until = forms.DateTimeField(label=_("Signed before"), required=False)
    confirm = forms.BooleanField(label=_("Yes, invalidate them"), required=False)

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not any(cleaned.get(name) for name in ("domain", "source_key", "since", "until")):
            raise forms.ValidationError(_("Give at least one criterion."))
        return cleaned


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "country",
        "language",
        "created_at",
        "confirmed_at",
        "consent_contact",
        "consent_version",
        "suspect",
        "invalidated",
        "counted",
        "source_key",
    ]
    list_filter = [
        "invalidated",
        "suspect",
        ("confirmed_at", admin.EmptyFieldListFilter),
        "consent_contact",
        "language",
        "country",
        "created_at",
    ]
    date_hierarchy = "created_at"
    fields = list_display
    readonly_fields = list_display
    actions = ["invalidate_selected"]
    show_full_result_count = False  # no COUNT(*) over millions of rows on every page
    change_list_template = "admin/petitions/signature/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    # Deleting, one or many, goes through the service that keeps the tallies right.
    def delete_model(self, request: HttpRequest, obj: Signature) -> None:
        services.signatures_delete(queryset=Signature.objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset) -> None:  # type: ignore[no-untyped-def]
        services.signatures_delete(queryset=queryset)

    @admin.action(description=_("Invalidate the selected signatures"), permissions=["delete"])
    def invalidate_selected(self, request: HttpRequest, queryset) -> None:  # type: ignore[no-untyped-def]
        number = services.signatures_invalidate(queryset=queryset)
        self.message_user(
            request,
            ngettext("%d signature invalidated.", "%d signatures invalidated.", number) % number,
            messages.SUCCESS,
        )

    def get_urls(self):  # type: ignore[no-untyped-def]
        extra = [
            path(
                "invalidate/",
                self.admin_site.admin_view(self.invalidate_by_filter),
                name="petitions_signature_invalidate",
            )
        ]
        return extra + super().get_urls()

    def invalidate_by_filter(self, request: HttpRequest) -> HttpResponse:
        """Invalidate by email domain, time window and/or source: first shows how many match,
        then invalidates once the campaigner ticks the confirmation box."""
        if not self.has_delete_permission(request):
            return redirect("admin:index")
        form = InvalidateFilterForm(request.POST or None)
        matching = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            queryset = services.signatures_filter_for_invalidation(
                domain=data["domain"],
                source_key=data["source_key"],
                since=data["since"],
                until=data["until"],
            ).filter(invalidated=False)
            if data["confirm"]:
                number = services.signatures_invalidate(queryset=queryset)
                self.message_user(
                    request,
                    ngettext("%d signature invalidated.", "%d signatures invalidated.", number)
                    % number,
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:petitions_signature_changelist"))
            matching = queryset.count()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Invalidate signatures by filter"),
            "form": form,
            "matching": matching,
        }
        return TemplateResponse(request, "admin/petitions/signature/invalidate.html", context)


@admin.register(SignatureTally)
class SignatureTallyAdmin(admin.ModelAdmin):
    list_display = ["country", "count"]
    ordering = ["-count"]
    change_list_template = "admin/petitions/signaturetally/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):  # type: ignore[no-untyped-def]
        total = SignatureTally.objects.aggregate(total=Sum("count"))["total"] or 0
        return super().changelist_view(request, {**(extra_context or {}), "total": total})
