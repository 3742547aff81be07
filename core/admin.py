"""The admin of translated content, for every content app: translation inlines with one row
per language, so a campaigner sees at once which languages are missing, and the translated
title column of the content lists."""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translation import default_language, pick_translation


class TranslationInline(admin.StackedInline):
    extra = len(settings.LANGUAGES)
    max_num = len(settings.LANGUAGES)
    min_num = 1
    validate_min = True

    def get_extra(self, request, obj=None, **kwargs):  # type: ignore[no-untyped-def]
        existing = obj.translations.count() if obj is not None else 0
        return max(len(settings.LANGUAGES) - existing, 0)


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


class SuperuserOnlyMixin(admin.ModelAdmin):
    """Technical models (the mail queue, the task queue, accounts, groups and permissions):
    shown to superusers only, whatever permissions a staff account was given, so the
    campaign team's admin holds only what they work with."""

    def has_module_permission(self, request):  # type: ignore[no-untyped-def]
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):  # type: ignore[no-untyped-def]
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return request.user.is_superuser and super().has_delete_permission(request, obj)


def superusers_only(*models: type[models.Model]) -> None:
    """Register again the admins of other libraries' technical models as superuser-only."""
    for model in models:
        registered = admin.site._registry.get(model)
        if registered is None:
            continue
        admin.site.unregister(model)
        restricted = type(type(registered).__name__, (SuperuserOnlyMixin, type(registered)), {})
        admin.site.register(model, restricted)
