"""The admin of translated content, for every content app: translation inlines with one row
per language, so a campaigner sees at once which languages are missing, and the translated
title column of the content lists."""

from typing import ClassVar

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from core import languages
from core.forms import ImageUploadField
from core.images import ImageSpec, image_delete
from core.translation import default_language, pick_translation


class TranslationFormSet(BaseInlineFormSet):
    """Saving a translation records the source text each edited field now translates (so it
    is no longer outdated); marking a row reviewed vouches for all its fields."""

    def save(self, commit: bool = True):  # type: ignore[no-untyped-def]
        source = self.instance.translations.filter(language=default_language()).first()
        for form in self.forms:
            if not form.has_changed() or form in self.deleted_forms:
                continue
            row = form.instance
            edited = [name for name in form.changed_data if name in row.text_fields()]
            if "reviewed" in form.changed_data and form.cleaned_data.get("reviewed"):
                edited = row.text_fields()
            if source is not None and edited:
                row.stamp_sources(source, edited)
        return super().save(commit)


class TranslationInline(admin.StackedInline):
    """One row per language: a form opens with an empty row for each published language
    still missing; rows for the other configured languages can be added."""

    formset = TranslationFormSet

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


class NeedsReviewFilter(admin.SimpleListFilter):
    """Items with a translation no native speaker has checked yet, in any or one language."""

    title = _("needs review")
    parameter_name = "needs_review"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return [
            ("any", _("in any language")),
            *((code, languages.name(code)) for code in languages.configured()),
        ]

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        value = self.value()
        if value is None:
            return queryset
        unreviewed = {"translations__reviewed": False}
        if value != "any":
            if not languages.is_configured(value):
                return queryset.none()
            unreviewed["translations__language"] = value
        return queryset.filter(**unreviewed).distinct()


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
