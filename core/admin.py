"""The admin of translated content, for every content app: translation inlines with one row
per language, so a campaigner sees at once which languages are missing, and the translated
title column of the content lists."""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import languages
from core.translation import default_language, pick_translation


class TranslationInline(admin.StackedInline):
    """One row per language: a form opens with an empty row for each published language
    still missing; rows for the other configured languages can be added."""

    max_num = len(settings.LANGUAGES)
    min_num = 1
    validate_min = True

    def get_extra(self, request, obj=None, **kwargs):  # type: ignore[no-untyped-def]
        present = set(obj.translations.values_list("language", flat=True)) if obj else set()
        # Django adds min_num empty rows on top of `extra`.
        return max(len(set(languages.published()) - present) - self.min_num, 0)


class TranslatedTitleMixin(admin.ModelAdmin):
    """A "title" column from the translation in the default language (or the fallback
    chain's next), decided by core.translation like everywhere else, with the translations
    prefetched for the whole list page."""

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=_("title"))
    def title(self, obj: models.Model) -> str:
        translation = pick_translation(obj, language=default_language())
        return str(getattr(translation, "title", "")) if translation else ""
