"""The news as an Atom feed, one per language (/<lang>/news/feed/)."""

import datetime
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from news.selectors import ShownNewsItem, news_list

# What the feed says about the campaign's state, in the reader's language (registered by the
# campaigns app, which news must not import): "" while signing is open.
_status: list[Callable[[], str]] = []


def register_status(status: Callable[[], str]) -> None:
    _status.append(status)


def _absolute(path: str) -> str:
    """Links at SITE_URL: the feed never takes its host from the request's Host header."""
    return settings.SITE_URL + path


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return gettext("Stop Scanning Me: news and media")

    def subtitle(self) -> str:
        about = gettext(
            "News about the Stop Scanning Me campaign against scanning private messages."
        )
        return " ".join([about, *filter(None, (status() for status in _status))])

    def link(self) -> str:
        return _absolute(reverse("news:list"))

    def feed_url(self) -> str:
        return _absolute(reverse("news:feed"))

    def items(self) -> list[ShownNewsItem]:
        return news_list(language=get_language(), limit=50)

    def item_title(self, item: ShownNewsItem) -> str:
        return item.t.title

    def item_description(self, item: ShownNewsItem) -> str:
        return item.t.teaser

    def item_link(self, item: ShownNewsItem) -> str:
        return item.obj.external_url or _absolute(
            reverse("news:detail", kwargs={"slug": item.obj.slug})
        )

    def item_guid(self, item: ShownNewsItem) -> str:
        # A stable tag URI: stays the same if the site moves or the item gains a link.
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return f"tag:{host},{item.obj.date.isoformat()}:news/{item.obj.slug}/{get_language()}"

    def item_guid_is_permalink(self, item: ShownNewsItem) -> bool:
        return False

    def item_pubdate(self, item: ShownNewsItem) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(item.obj.date, datetime.time(12)))

    def item_updateddate(self, item: ShownNewsItem) -> datetime.datetime:
        return self.item_pubdate(item)
