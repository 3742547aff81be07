"""News on the home page, the news pages, the Atom feed, and editing news in the admin."""

import xml.etree.ElementTree as ET

import pytest

from core.tests.html import parse
from core.tests.support import admin_add, change_data
from news.models import NewsItem
from news.tests.factories import NewsItemFactory, NewsItemTranslationFactory

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.mark.parametrize(
    ("language", "title", "more"),
    [
        ("nl", "Hoe misleidende statistieken de Europese wetgever beïnvloedt", "Lees verder"),
        ("en", "How misleading statistics influence the European lawmaker", "Read more"),
    ],
)
def test_list_and_detail_pages_in_each_language(client, content, language, title, more):
    """The news list shows dated items with "Read more"; the detail page shows the item."""
    response = client.get(f"/{language}/news/")
    html = response.content.decode()
    assert response.status_code == 200 and title in html and more in html
    assert parse(html).html_lang == language
    assert '<time datetime="2023-02-01">' in html
    detail = client.get(f"/{language}/news/misleading-statistics/")
    assert detail.status_code == 200 and title in detail.content.decode()


def test_read_more_goes_to_the_external_article_when_there_is_one(client, content):
    """An item with an external link sends "Read more" there; others to their own page."""
    page = parse(client.get("/en/").content)
    hrefs = [a["href"] for a in page.anchors]
    item = NewsItem.objects.get(slug="google-flagged-father")
    assert item.external_url in hrefs
    assert "/en/news/google-flagged-father/" not in hrefs
    assert "/en/news/edpb-edps-serious-concerns/" in hrefs


def test_fallback_to_dutch_is_marked_with_lang(client, db):
    """An item with only Dutch text is shown on the English list inside lang="nl"."""
    NewsItemTranslationFactory(title="Alleen Nederlands nieuws")
    html = client.get("/en/news/").content.decode()
    assert '<article class="news-item" lang="nl">' in html
    assert "Alleen Nederlands nieuws" in html


def test_unpublished_items_are_hidden(client, db):
    """Unpublished items are not listed, not in the feed, and their page is a 404."""
    hidden = NewsItemTranslationFactory(parent__published=False, title="Geheim bericht")
    assert "Geheim bericht" not in client.get("/nl/news/").content.decode()
    assert "Geheim bericht" not in client.get("/nl/news/feed/").content.decode()
    assert client.get(f"/nl/news/{hidden.parent.slug}/").status_code == 404


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("nl", "De EDPB en de EDPS maken zich ernstig zorgen over de CSA-verordening"),
        ("en", "The EDPB and the EDPS are seriously concerned about the CSA Regulation"),
    ],
)
def test_atom_feed_per_language(client, content, language, title):
    """Each language has a valid Atom feed of its news, newest first, with absolute links."""
    response = client.get(f"/{language}/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert not response.cookies
    root = ET.fromstring(response.content)  # noqa: S314 (our own response, in a test)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entries = root.findall("a:entry", ATOM)
    assert len(entries) == 8
    titles = [entry.findtext("a:title", namespaces=ATOM) for entry in entries]
    assert title in titles
    updated = [entry.findtext("a:updated", namespaces=ATOM) for entry in entries]
    assert updated == sorted(updated, reverse=True)
    for entry in entries:
        assert entry.findtext("a:id", namespaces=ATOM).startswith("tag:testserver,")
        link = entry.find("a:link", ATOM).get("href")
        assert link.startswith(("http://testserver/", "https://"))
    html = client.get(f"/{language}/news/").content.decode()
    assert f'href="/{language}/news/feed/"' in html


def test_admin_creates_a_translated_news_item(admin_client, client, db):
    """A campaigner adds a news item with two translations; both languages show it."""
    response = admin_add(
        admin_client,
        "/admin/news/newsitem/add/",
        {
            "date": "2024-03-15",
            "slug": "new-item",
            "external_url": "",
            "published": "on",
        },
        [
            {"language": "nl", "title": "Nieuw bericht", "teaser": "Kort.", "body": "Lang."},
            {"language": "en", "title": "New item", "teaser": "Short.", "body": "Long."},
        ],
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "New item" in client.get("/en/").content.decode()
    detail = client.get("/nl/news/new-item/").content.decode()
    assert "Nieuw bericht" in detail and "Lang." in detail


def test_admin_edit_shows_on_the_site(admin_client, client, db):
    """Editing an item's English title in the admin changes the English pages and feed."""
    item = NewsItemFactory(slug="edit-me")
    NewsItemTranslationFactory(parent=item, language="nl", title="Oude titel")
    NewsItemTranslationFactory(parent=item, language="en", title="Old title")
    assert "Old title" in client.get("/en/news/").content.decode()
    data = change_data(
        item,
        [{"language": "en", "title": "Fresh title"}],
        {"date": item.date.isoformat(), "slug": "edit-me", "external_url": "", "published": "on"},
    )
    response = admin_client.post(f"/admin/news/newsitem/{item.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "Fresh title" in client.get("/en/news/").content.decode()
    assert "Fresh title" in client.get("/en/news/feed/").content.decode()
    assert "Oude titel" in client.get("/nl/news/").content.decode()


def test_loader_adds_missing_items_and_keeps_edits_unless_reset(db):
    """news_items_load creates an item with its texts once, leaves a campaigner's edit
    alone on a plain reload, and writes the shipped text back with reset."""
    from news.services import news_items_load

    item = {
        "slug": "shipped",
        "date": "2024-05-01",
        "external_url": "",
        "texts": {
            "nl": {"title": "Titel", "teaser": "Kort."},
            "en": {"title": "Title", "teaser": "Short."},
        },
    }
    assert news_items_load(items=[item]).created == 3
    english = NewsItem.objects.get(slug="shipped").translations.get(language="en")
    english.title = "Edited"
    english.save()
    again = news_items_load(items=[item])
    assert (again.created, again.updated) == (0, 0)
    english.refresh_from_db()
    assert english.title == "Edited"
    assert news_items_load(items=[item], reset=True).updated == 1
    english.refresh_from_db()
    assert english.title == "Title"
