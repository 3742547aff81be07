from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from campaigns import models, po, services, texts
from campaigns.checks import is_placeholder
from campaigns.selectors import campaign_ngo_count
from core import languages
from core.admin import (
    ImagePipelineAdmin,
    NeedsReviewFilter,
    TranslatedTitleMixin,
    TranslationInline,
)
from core.images import SHARE_IMAGE


class CampaignTranslationInline(TranslationInline):
    model = models.CampaignTranslation
    fieldsets = [
        (
            None,
            {"fields": ["language", "reviewed", "title", "tagline", "intro", "meta_description"]},
        ),
        (_("Sharing"), {"fields": ["share_text"]}),
        (
            _("Petition"),
            {
                "fields": [
                    "petition_title",
                    "petition_text",
                    "petition_addressees",
                    "delivered_to",
                ]
            },
        ),
        (_("Privacy policy"), {"fields": ["privacy_policy"]}),
        (
            _("Other texts"),
            {"fields": ["closing_statement", "newsletter_text", "consent_text", "consent_version"]},
        ),
    ]


class CampaignForm(forms.ModelForm):
    # The choices come from the settings when the form is built, not from the model field:
    # a language added to settings.LANGUAGES appears here without a migration.
    published_languages = forms.MultipleChoiceField(
        label=_("Published languages"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "published-languages"}),
        help_text=models.Campaign._meta.get_field("published_languages").help_text,
    )

    class Meta:
        model = models.Campaign
        fields = ["published_languages"]  # the admin adds the fieldsets' others

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["published_languages"].choices = [
            (code, f"{languages.name(code)} ({code})") for code in languages.configured()
        ]

    def clean_published_languages(self) -> list[str]:
        chosen = set(self.cleaned_data["published_languages"])
        # Stored in the settings' order, so the switcher's order does not depend on clicks.
        return [code for code in languages.configured() if code in chosen]


@admin.register(models.Campaign)
class CampaignAdmin(ImagePipelineAdmin):
    form = CampaignForm
    image_specs = {"share_image": SHARE_IMAGE}
    list_display = ["slug", "ngo_count_display", "goal", "state", "updated_at"]
    readonly_fields = ["ngo_count_display", "updated_at", "language_status"]
    inlines = [CampaignTranslationInline]
    fieldsets = [
        (None, {"fields": ["slug", "goal", "statistics_visible", "proof_of_work"]}),
        (
            _("Lifecycle"),
            {
                "fields": ["state", "delivered_on", "delivery_news"],
                "description": _(
                    "When the state becomes delivered, a news item about it is published in "
                    "every language (once; edit it afterwards like any news item). The "
                    "recipient is the “delivered to” text of each language below."
                ),
            },
        ),
        (_("Languages"), {"fields": ["published_languages", "language_status"]}),
        (
            _("Coalition"),
            {"fields": ["endorsements_elsewhere", "ngo_count_display", "embed_origins"]},
        ),
        (
            _("Contact (shown on the privacy policy page)"),
            {"fields": ["contact_name", "contact_email", "contact_address"]},
        ),
        (_("Sharing"), {"fields": ["hashtag", "share_image"]}),
        (None, {"fields": ["updated_at"]}),
    ]

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        campaign = self.get_object(request, object_id)
        if (
            request.method == "GET"
            and campaign is not None
            and is_placeholder(campaign.contact_email)
        ):
            messages.warning(
                request,
                _(
                    "The privacy policy names %(address)s as the contact: set the real address "
                    "of the data controller under Contact before the site goes public."
                )
                % {"address": campaign.contact_email or _("no address")},
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        # After the translations: the news item names the recipient of each language.
        super().save_related(request, form, formsets, change)
        item = services.campaign_delivery_news_ensure(campaign=form.instance)
        if item is not None:
            messages.success(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("A news item about the delivery was published in every language."),
                    reverse("admin:news_newsitem_change", args=[item.pk]),
                    _("Edit it"),
                ),
            )

    @admin.display(description=_("NGO count shown on the site"))
    def ngo_count_display(self, obj: models.Campaign) -> int:
        return campaign_ngo_count(campaign=obj)

    @admin.display(description=_("What each language still lacks"))
    def language_status(self, obj: models.Campaign) -> str:
        """Before publishing a language, the campaigner sees what readers would miss."""
        rows = format_html_join(
            "",
            "<tr><th>{} ({})</th><td>{} %</td><td>{} %</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    status.name,
                    status.code,
                    status.translated_percent,
                    status.reviewed_percent,
                    len(status.outdated),
                    f"{status.ui_percent} %" if status.ui_strings else _("no file"),
                )
                for status in texts.translation_status()
            ),
        )
        head = format_html_join(
            "",
            "<th>{}</th>",
            (
                (label,)
                for label in (
                    _("language"),
                    _("content translated"),
                    _("content reviewed"),
                    _("outdated texts"),
                    _("interface translated"),
                )
            ),
        )
        link = reverse("admin:campaigns_campaign_translations")
        return format_html_join(
            "",
            '<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table><p><a href="{}">{}</a></p>',
            [(head, rows, link, _("Translation status, files for translators and import"))],
        )

    def get_urls(self):  # type: ignore[no-untyped-def]
        return [
            path(
                "translations/",
                self.admin_site.admin_view(self.translations_view),
                name="campaigns_campaign_translations",
            ),
            path(
                "translations/<str:language>.po",
                self.admin_site.admin_view(self.translations_export_view),
                name="campaigns_campaign_translations_export",
            ),
            *super().get_urls(),
        ]

    def translations_view(self, request: HttpRequest) -> HttpResponse:
        """Per language: translated, reviewed and outdated texts; the translators' files to
        download; a returned file to import (all or nothing)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = TranslationImportForm(request.POST or None, request.FILES or None)
        problems: list[str] = []
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            if form.is_valid():
                try:
                    report = po.import_po(form.cleaned_data["data"])
                except po.ImportRefused as refused:
                    problems = refused.problems
                else:
                    messages.success(
                        request,
                        _(
                            "%(language)s: %(content)s texts and %(interface)s interface strings "
                            "imported, unreviewed."
                        )
                        % {
                            "language": report.language,
                            "content": report.content,
                            "interface": report.interface,
                        },
                    )
                    for item in report.skipped:
                        messages.warning(
                            request,
                            _("%(item)s was not imported: the file lacks some of its texts.")
                            % {"item": item},
                        )
                    return redirect("admin:campaigns_campaign_translations")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Translations"),
            "statuses": texts.translation_status(),
            "form": form,
            "problems": problems,
            "opts": self.model._meta,
        }
        return render(request, "admin/campaigns/translations.html", context)

    def translations_export_view(self, request: HttpRequest, language: str) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not languages.is_configured(language):
            raise Http404
        response = HttpResponse(po.export_po(language), content_type="text/x-gettext-translation")
        response["Content-Disposition"] = f'attachment; filename="stop-scanning-me-{language}.po"'
        return response


class TranslationImportForm(forms.Form):
    file = forms.FileField(label=_("Translated PO file"))

    MAX_BYTES = 2 * 1024 * 1024

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            cleaned["data"] = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
        return cleaned


class OrderedSectionAdmin(TranslatedTitleMixin, admin.ModelAdmin):
    """Reasons and affected groups: sections of a page, in the order campaigners set."""

    list_display = ["__str__", "title", "order", "published"]
    list_editable = ["order", "published"]
    list_filter = ["published", NeedsReviewFilter]
    ordering = ["order", "id"]


class ReasonTranslationInline(TranslationInline):
    model = models.ReasonTranslation


@admin.register(models.Reason)
class ReasonAdmin(OrderedSectionAdmin):
    inlines = [ReasonTranslationInline]


class AffectedGroupTranslationInline(TranslationInline):
    model = models.AffectedGroupTranslation


@admin.register(models.AffectedGroup)
class AffectedGroupAdmin(OrderedSectionAdmin):
    inlines = [AffectedGroupTranslationInline]
