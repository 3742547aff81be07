from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ImagePipelineAdmin, NeedsReviewFilter, TranslationInline
from core.images import AVATAR
from testimonials.models import Testimonial, TestimonialTranslation


class TestimonialTranslationInline(TranslationInline):
    model = TestimonialTranslation


@admin.register(Testimonial)
class TestimonialAdmin(ImagePipelineAdmin):
    image_specs = {"photo": AVATAR}
    list_display = ["name", "anonymous", "country", "group", "order", "published", "has_photo"]
    list_editable = ["order", "published"]
    list_filter = ["published", "group", "anonymous", NeedsReviewFilter]
    search_fields = ["name", "slug"]
    ordering = ["order", "id"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TestimonialTranslationInline]

    @admin.display(description=_("photo"), boolean=True)
    def has_photo(self, obj: Testimonial) -> bool:
        return bool(obj.photo)
