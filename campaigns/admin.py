from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from campaigns import models
from campaigns.selectors import campaign_ngo_count
from core.admin import ImagePipelineAdmin, TranslatedTitleMixin, TranslationInline
from core.images import SHARE_IMAGE


class CampaignTranslationInline(TranslationInline):
    model = models.CampaignTranslation
    fieldsets = [
        (None, {"fields": ["language", "title", "tagline", "intro", "meta_description"]}),
        (_("Sharing"), {"fields": ["share_text"]}),
        (
            _("Petition"),
            {"fields": ["petition_title", "petition_text", "petition_addressees"]},
        ),
        (
            _("Other texts"),
            {"fields": ["closing_statement", "newsletter_text", "consent_text", "consent_version"]},
        ),
    ]


@admin.register(models.Campaign)
class CampaignAdmin(ImagePipelineAdmin):
    image_specs = {"share_image": SHARE_IMAGE}
    list_display = ["slug", "ngo_count_display", "goal", "signing_open", "updated_at"]
    readonly_fields = ["ngo_count_display", "updated_at"]
    inlines = [CampaignTranslationInline]
    fieldsets = [
        (
            None,
            {"fields": ["slug", "goal", "signing_open", "statistics_visible", "proof_of_work"]},
        ),
        (
            _("Coalition"),
            {"fields": ["endorsements_elsewhere", "ngo_count_display"]},
        ),
        (
            _("Contact (shown on the privacy policy page)"),
            {"fields": ["contact_name", "contact_email", "contact_address"]},
        ),
        (_("Sharing"), {"fields": ["hashtag", "share_image"]}),
        (None, {"fields": ["updated_at"]}),
    ]

    @admin.display(description=_("NGO count shown on the site"))
    def ngo_count_display(self, obj: models.Campaign) -> int:
        return campaign_ngo_count(campaign=obj)


class OrderedSectionAdmin(TranslatedTitleMixin, admin.ModelAdmin):
    """Reasons and affected groups: sections of a page, in the order campaigners set."""

    list_display = ["__str__", "title", "order", "published"]
    list_editable = ["order", "published"]
    list_filter = ["published"]
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
