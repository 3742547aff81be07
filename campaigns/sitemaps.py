"""sitemap.xml: every public page in every language, with hreflang alternates, at the
addresses of SITE_URL (never the request's Host header, which anybody can send)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core import languages
from news.models import NewsItem
from testimonials.models import Testimonial


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    @property
    def languages(self) -> list[str]:  # type: ignore[override]
        # Only the languages the campaign publishes: search engines learn of no other.
        return languages.published()

    def get_domain(self, site=None) -> str:  # type: ignore[no-untyped-def]
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme


class PageSitemap(I18nSitemap):
    priority = 0.8
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [
            "campaigns:home",
            "campaigns:how_affected",
            "campaigns:legal",
            "news:list",
            "petitions:numbers",
        ]

    def location(self, item: str) -> str:  # type: ignore[override]
        return reverse(item)


class NewsSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):  # type: ignore[no-untyped-def]
        # Items linking elsewhere have no page of their own here.
        return NewsItem.objects.published().filter(external_url="").order_by("-date", "id")

    def location(self, item: NewsItem) -> str:  # type: ignore[override]
        return reverse("news:detail", kwargs={"slug": item.slug})

    def lastmod(self, item: NewsItem):  # type: ignore[no-untyped-def]
        return item.date


class TestimonialSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):  # type: ignore[no-untyped-def]
        return Testimonial.objects.published().order_by("order", "id")

    def location(self, item: Testimonial) -> str:  # type: ignore[override]
        return reverse("testimonials:detail", kwargs={"slug": item.slug})


sitemaps = {"pages": PageSitemap, "news": NewsSitemap, "testimonials": TestimonialSitemap}
