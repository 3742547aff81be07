from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from coalition import services
from coalition.forms import OrganisationAdminForm
from coalition.models import Organisation
from coalition.selectors import partner_sites
from core import languages
from core.admin import ImagePipelineAdmin
from core.images import LOGO
from core.security import origin_of

# The height that fits the widget's form on a phone (360 px) without a scroll bar in the frame,
# in the longer languages too; a wide column needs about 820.
EMBED_HEIGHT = 960


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
    readonly_fields = [
        "partner_page_link",
        "language",
        "email_confirmed_at",
        "created_at",
        "reviewed_at",
    ]
    fields = [
        "name",
        "country",
        "website",
        "logo",
        "statement",
        "order",
        "status",
        "source_code",
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
        if obj.status == Organisation.Status.APPROVED:
            services.organisation_source_code_assign(organisation=obj)

    @admin.display(description=_("Partner page"))
    def partner_page_link(self, obj: Organisation) -> str:
        if obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:coalition_organisation_partner", args=[obj.pk]),
            _("Links, embed code and the secret link to its own numbers"),
        )

    def get_urls(self):  # type: ignore[no-untyped-def]
        return [
            path(
                "<int:pk>/partner/",
                self.admin_site.admin_view(self.partner_view),
                name="coalition_organisation_partner",
            ),
            *super().get_urls(),
        ]

    def partner_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The organisation's partner page: its links with its source code and the sign
        widget's <iframe> code in every published language, and its secret link. The secret
        is stored hashed, so a link is shown once, when it is made (which ends the old one)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        organisation = get_object_or_404(Organisation, pk=pk)
        secret_url = ""
        if request.method == "POST":
            if not self.has_change_permission(request, organisation):
                raise PermissionDenied
            if organisation.source_code and organisation.status == Organisation.Status.APPROVED:
                token = services.organisation_partner_link_renew(organisation=organisation)
                with translation.override(organisation.language or settings.LANGUAGE_CODE):
                    secret_url = settings.SITE_URL + reverse(
                        "partners:totals", kwargs={"token": token}
                    )
                messages.success(
                    request,
                    gettext("A new secret link was made. Any earlier link no longer works."),
                )
        origin = origin_of(organisation.website) if organisation.website else None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Partner page: %(name)s") % {"name": organisation.name},
            "opts": self.model._meta,
            "original": organisation,
            "organisation": organisation,
            "approved": organisation.status == Organisation.Status.APPROVED,
            "links": _partner_links(organisation.source_code) if organisation.source_code else [],
            "origin": origin,
            "origin_allowed": origin is not None and origin in partner_sites().origins,
            "has_secret": bool(organisation.partner_token_hash),
            "secret_url": secret_url,
            "can_change": self.has_change_permission(request, organisation),
        }
        return render(request, "admin/coalition/organisation/partner.html", context)

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


def _partner_links(code: str) -> list[dict[str, str]]:
    """Per published language: the home page and sign page with the source code, and the
    sign widget's <iframe> code, its title in that language."""
    query = "?" + urlencode({"src": code})
    rows = []
    for language in languages.published():
        with translation.override(language):
            embed = settings.SITE_URL + reverse("partners:embed") + query
            title = gettext("Sign the petition")
            rows.append(
                {
                    "code": language,
                    "name": languages.name(language),
                    "home": settings.SITE_URL + reverse("campaigns:home") + query,
                    "sign": settings.SITE_URL + reverse("petitions:sign") + query,
                    "embed": embed,
                    "snippet": format_html(
                        '<iframe src="{}" title="{}" width="100%" height="{}" '
                        'style="border:0;max-width:40rem" loading="lazy"></iframe>',
                        embed,
                        title,
                        EMBED_HEIGHT,
                    ),
                }
            )
    return rows
