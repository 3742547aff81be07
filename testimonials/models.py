"""What people say about the campaign: shown on the home page, the how-CSAR page and their
own detail page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.translation import Translation, one_per_language, translation_of


class TestimonialQuerySet(models.QuerySet["Testimonial"]):
    def published(self) -> "TestimonialQuerySet":
        return self.filter(published=True)


class Testimonial(models.Model):
    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("Short name used in the address of the detail page.")
    )
    name = models.CharField(_("name"), max_length=200)
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Show “Anonymous” instead of the name (the name stays visible only here)."),
    )
    photo = models.ImageField(
        _("photo"),
        upload_to="testimonials/",
        blank=True,
        help_text=_("Optional; a square image works best. Without a photo a placeholder is shown."),
    )
    country = CountryField(_("country"), blank=True)
    link = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_("Optional web page of the person or organisation (another website)."),
    )
    group = models.ForeignKey(
        "campaigns.AffectedGroup",
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="testimonials",
        help_text=_(
            "Optional: show this testimonial in that group's section on the "
            "“How CSAR affects us” page."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are shown first.")
    )
    published = models.BooleanField(_("published"), default=True)

    objects = TestimonialQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")

    def __str__(self) -> str:
        return self.name


class TestimonialTranslation(Translation):
    parent = translation_of(Testimonial)
    photo_alt = models.CharField(
        _("photo description"),
        max_length=300,
        blank=True,
        help_text=_("Describes the photo for people who cannot see it, e.g. “Photo of Aura”."),
    )
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    quote = models.TextField(_("quote"))
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("For example “Young activist”.")
    )
    body = models.TextField(
        _("more information"),
        blank=True,
        help_text=_("Shown on the detail page. Blank lines separate paragraphs."),
    )

    class Meta:
        verbose_name = _("testimonial translation")
        verbose_name_plural = _("testimonial translations")
        constraints = [one_per_language("unique_testimonial_language")]

    def __str__(self) -> str:
        return f"{self.parent} ({self.language})"
