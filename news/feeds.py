"""The news as an Atom feed, one per language (/<lang>/news/feed/)."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from news.models import NewsItem
from news.selectors import news_list


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=300"
        return response

    def title(self) -> str:
        return gettext("Stop Scanning Me: news and media")

    def subtitle(self) -> str:
        return gettext(
            "News about the Stop Scanning Me campaign against scanning private messages."
        )

    def link(self) -> str:
        return reverse("news:list")

    def feed_url(self) -> str:
        return reverse("news:feed")

    def items(self) -> list[NewsItem]:
        return news_list(language=get_language(), limit=50)

    def item_title(self, item: NewsItem) -> str:
        return item.t.title  # type: ignore[attr-defined]

    def item_description(self, item: NewsItem) -> str:
        return item.t.teaser  # type: ignore[attr-defined]

    def item_link(self, item: NewsItem) -> str:
        return item.external_url or reverse("news:detail", kwargs={"slug": item.slug})

    def item_guid(self, item: NewsItem) -> str:
        # A stable tag URI: stays the same if the site moves or the item gains a link.
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return f"tag:{host},{item.date.isoformat()}:news/{item.slug}/{get_language()}"

    def item_guid_is_permalink(self, item: NewsItem) -> bool:
        return False

    def item_pubdate(self, item: NewsItem) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12)))

    def item_updateddate(self, item: NewsItem) -> datetime.datetime:
        return self.item_pubdate(item)
