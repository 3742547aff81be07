"""News and media items about the campaign."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translation import Translation, one_per_language, translation_of


class NewsItemQuerySet(models.QuerySet["NewsItem"]):
    def published(self) -> "NewsItemQuerySet":
        return self.filter(published=True)


class NewsItem(models.Model):
    date = models.DateField(_("date"))
    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("Short name used in the address of the item's page.")
    )
    external_url = models.URLField(
        _("external link"),
        max_length=500,
        blank=True,
        help_text=_(
            "When set, “Read more” opens this article on another website instead of "
            "the item's own page."
        ),
    )
    published = models.BooleanField(_("published"), default=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def __str__(self) -> str:
        return self.slug


class NewsItemTranslation(Translation):
    parent = translation_of(NewsItem)
    title = models.CharField(_("title"), max_length=300)
    teaser = models.TextField(_("teaser"), help_text=_("One or two sentences for the list."))
    body = models.TextField(
        _("text"), blank=True, help_text=_("The full item. Blank lines separate paragraphs.")
    )

    class Meta:
        verbose_name = _("news item translation")
        verbose_name_plural = _("news item translations")
        constraints = [one_per_language("unique_news_language")]

    def __str__(self) -> str:
        return self.title
