from django.contrib import admin

from core.admin import NeedsReviewFilter, TranslatedTitleMixin, TranslationInline
from news.models import NewsItem, NewsItemTranslation


class NewsItemTranslationInline(TranslationInline):
    model = NewsItemTranslation


@admin.register(NewsItem)
class NewsItemAdmin(TranslatedTitleMixin, admin.ModelAdmin):
    list_display = ["date", "title", "slug", "external_url", "published"]
    list_filter = ["published", NeedsReviewFilter]
    list_editable = ["published"]
    search_fields = ["slug", "translations__title"]
    date_hierarchy = "date"
    ordering = ["-date", "-id"]
    inlines = [NewsItemTranslationInline]
