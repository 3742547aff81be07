"""Translation inlines: one row per language, so a campaigner sees at once which languages
are missing."""

from django.conf import settings
from django.contrib import admin


class TranslationInline(admin.StackedInline):
    extra = len(settings.LANGUAGES)
    max_num = len(settings.LANGUAGES)
    min_num = 1
    validate_min = True

    def get_extra(self, request, obj=None, **kwargs):  # type: ignore[no-untyped-def]
        existing = obj.translations.count() if obj is not None else 0
        return max(len(settings.LANGUAGES) - existing, 0)
