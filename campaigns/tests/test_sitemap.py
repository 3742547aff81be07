"""sitemap.xml and robots.txt for search engines."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_every_page_in_every_language_with_alternates(client, content):
    """The sitemap is valid XML listing each page per language, each with hreflang
    alternates for nl, en and x-default; news items that link elsewhere are left out."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert not response.cookies
    root = ET.fromstring(response.content)  # noqa: S314 (our own response, in a test)
    locations = {url.findtext("s:loc", namespaces=NS): url for url in root.findall("s:url", NS)}
    for language in ("nl", "en"):
        for path in (
            "",
            "how-CSAR-affects-us.html",
            "legal.html",
            "news/",
            "testimonials/aura/",
            "news/misleading-statistics/",
            "sign/numbers/",
        ):
            assert f"http://testserver/{language}/{path}" in locations, (language, path)
    assert not any("google-flagged-father" in loc for loc in locations)
    home = locations["http://testserver/en/"]
    alternates = {link.get("hreflang"): link.get("href") for link in home.findall("x:link", NS)}
    assert alternates["nl"] == "http://testserver/nl/"
    assert alternates["en"] == "http://testserver/en/"
    assert "x-default" in alternates


def test_robots_txt_points_to_the_sitemap(client, db):
    """robots.txt allows the site, keeps crawlers out of the admin and names the sitemap."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.parametrize("url", ["/sitemap.xml", "/nl/news/feed/", "/en/news/feed/"])
def test_sitemap_and_feed_links_come_from_site_url_never_the_host_header(
    client, content, settings, url
):
    """Behind a proxy that passes any Host (or ALLOWED_HOSTS = *), a request for another host
    must not make the sitemap or the feed (both cached) point search engines and readers
    there: every link is at SITE_URL."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = "https://campaign.example"
    response = client.get(url, HTTP_HOST="evil.example")
    assert response.status_code == 200
    body = response.content.decode()
    assert "evil.example" not in body
    assert "http://" not in body.replace("http://www.w3.org", "").replace(
        "http://www.sitemaps.org", ""
    )
    assert body.count("https://campaign.example/") >= 3


def test_sitemap_lists_only_published_languages(client, content):
    from campaigns.models import Campaign

    campaign = Campaign.objects.get()
    campaign.published_languages = ["de", "en", "nl"]
    campaign.save()
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    locations = [url.findtext("s:loc", namespaces=NS) for url in root.findall("s:url", NS)]
    assert {loc.split("/")[3] for loc in locations} == {"de", "en", "nl"}
    hreflangs = {link.get("hreflang") for link in root.iter(f"{{{NS['x']}}}link")}
    assert hreflangs == {"de", "en", "nl", "x-default"}
