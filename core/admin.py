"""The admin of translated content, for every content app: translation inlines with one row
per language, so a campaigner sees at once which languages are missing, and the translated
title column of the content lists."""

from typing import ClassVar

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.forms import ImageUploadField
from core.images import ImageSpec, image_delete
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


class ImagePipelineAdmin(admin.ModelAdmin):
    """Image fields named in `image_specs` take uploads only through the image pipeline
    (core.images), and a replaced or removed image is deleted with its sizes, so an old
    photo does not stay public under its address."""

    image_specs: ClassVar[dict[str, ImageSpec]] = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        spec = self.image_specs.get(db_field.name)
        if spec is not None:
            kwargs.update(form_class=ImageUploadField, spec=spec)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _stored(self, queryset: models.QuerySet) -> list[tuple[str, str]]:
        rows = queryset.values_list(*self.image_specs)
        return [
            (field, name)
            for row in rows
            for field, name in zip(self.image_specs, row, strict=True)
            if name
        ]

    def _delete(self, stored: list[tuple[str, str]], keep: frozenset[str] = frozenset()) -> None:
        for field, name in stored:
            if name not in keep:
                spec = self.image_specs[field]
                storage = self.model._meta.get_field(field).storage
                image_delete(storage=storage, name=name, spec=spec)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        before = self._stored(self.model.objects.filter(pk=obj.pk)) if change else []
        super().save_model(request, obj, form, change)
        self._delete(before, keep=frozenset(getattr(obj, f).name for f in self.image_specs))

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        stored = self._stored(self.model.objects.filter(pk=obj.pk))
        super().delete_model(request, obj)
        self._delete(stored)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        stored = self._stored(queryset)
        super().delete_queryset(request, queryset)
        self._delete(stored)
