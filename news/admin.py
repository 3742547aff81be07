from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from campaigns.admin_inlines import TranslationInline
from news.models import NewsItem, NewsItemTranslation


class NewsItemTranslationInline(TranslationInline):
    model = NewsItemTranslation


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "slug", "external_url", "published"]
    list_filter = ["published"]
    list_editable = ["published"]
    search_fields = ["slug", "translations__title"]
    date_hierarchy = "date"
    ordering = ["-date", "-id"]
    inlines = [NewsItemTranslationInline]

    @admin.display(description=_("title"))
    def title(self, obj: NewsItem) -> str:
        translation = obj.translations.order_by("id").first()
        return translation.title if translation else ""
