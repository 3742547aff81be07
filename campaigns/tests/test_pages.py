"""The campaign's public pages, as a reader gets them in Dutch and English."""

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import Campaign
from core.tests.html import foreign_resources, parse

pytestmark = pytest.mark.django_db

HOME_TEXTS = {
    "nl": [
        "Stop scanning me!",
        "Privacy maakt sterker, surveillance verzwakt.",
        "Met deze wet kunnen autoriteiten echter ieders&#x27; legitieme gesprekken",
        "Waarom zou ik me zorgen maken?",
        "Je privéberichten worden gemonitored",
        "Wat zeggen mensen?",
        "Jonge activist, Griekenland",
        "Blijf op de hoogte!",
        "Nieuws en media",
        "De EDPB en de EDPS maken zich ernstig zorgen over de CSA-verordening",
        "Onze coalitie",
        "Copy-paste en deel op andere sociale media",
    ],
    "en": [
        "Stop scanning me!",
        "Privacy makes us stronger, surveillance makes us weaker.",
        "Why should I care?",
        "Your private messages will be monitored",
        "What do people say?",
        "Young activist, Greece",
        "Stay updated!",
        "News & media",
        "The EDPB and the EDPS are seriously concerned about the CSA Regulation",
        "Our coalition",
        "Copy-paste and share on other social media",
    ],
}


def path(name: str, language: str, **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def public_paths(language: str) -> list[str]:
    """Every kind of public page, ending with the one that does not exist (the 404 page)."""
    return [
        f"/{language}/",
        f"/{language}/index.html",
        f"/{language}/how-CSAR-affects-us.html",
        f"/{language}/legal.html",
        f"/{language}/news/",
        f"/{language}/news/misleading-statistics/",
        f"/{language}/testimonials/aura/",
        f"/{language}/share/mastodon/?instance=not+a+server",
        f"/{language}/no-such-page/",
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_home_renders_every_section_in_order(client, content, language):
    """The home page is in the reader's language (<html lang>) and shows the seed's sections
    in the seed's order."""
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert parse(html).html_lang == language
    positions = []
    for text in HOME_TEXTS[language]:
        assert text in html, text
        positions.append(html.index(text))
    assert positions[:-1] == sorted(positions[:-1])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_home_and_index_html_are_the_same_page(client, content, language):
    """/<lang>/index.html (the old campaign site's address) serves the home page, whose
    canonical address is /<lang>/."""
    page = parse(client.get(f"/{language}/index.html").content)
    canonical = [link["href"] for link in page.links if link.get("rel") == "canonical"]
    assert canonical == [f"http://testserver/{language}/"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_join_ngos_call_appears_twice_with_the_count_and_links_to_signing(
    client, content, language
):
    """ "Join 133 NGOs and sign the petition" is shown twice and leads to the form on the
    page itself (the form is up front, under the id "sign")."""
    html = client.get(f"/{language}/").content.decode()
    text = {
        "nl": "Sluit je aan bij 133 ngo's en teken de petitie",
        "en": "Join 133 NGOs and sign the petition",
    }[language]
    assert html.count(text) == 2
    assert html.count(f'href="#sign">{text}') == 2
    assert html.count('id="sign"') == 1


def test_root_negotiates_the_language_without_cookies(client, db):
    """`/` redirects by Accept-Language among the published languages, to English otherwise
    (without a campaign: Dutch, the source language, and English are published)."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9")
    assert response.status_code == 302 and response["Location"] == "/nl/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fi")
    assert response["Location"] == "/en/"
    assert not response.cookies


@pytest.mark.parametrize(("accept", "expected"), [("en,nl;q=0.5", "/en/"), ("", "/en/")])
def test_root_ignores_a_language_cookie_as_it_varies_on_accept_language_only(
    client, db, accept, expected
):
    """A language cookie (set by the admin, or by hand) never chooses the redirect: the
    answer is cached per Accept-Language, so it must depend on nothing else."""
    client.cookies["django_language"] = "nl"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response["Location"] == expected
    assert response["Vary"] == "Accept-Language"
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_how_csar_page_shows_the_groups_with_their_testimonials(client, content, language):
    """The how-CSAR page has a section per group and shows the testimonials of each group."""
    html = client.get(f"/{language}/how-CSAR-affects-us.html").content.decode()
    titles = {
        "nl": [
            "Iedereen die online communiceert",
            "Jongeren",
            "Mensen met een beroepsgeheim",
            "Mensenrechtenverdedigers",
        ],
        "en": [
            "Everyone who communicates online",
            "Young people",
            "People bound by professional secrecy",
            "Human rights defenders",
        ],
    }[language]
    positions = [html.index(f">{title}</h2>") for title in titles]
    assert positions == sorted(positions)
    young = html[positions[1] : positions[2]]
    assert "Charalampos Kyritsis" in young and "Aura" in young
    assert parse(html).html_lang == language


@pytest.mark.parametrize("language", ["nl", "en"])
def test_legal_page_explains_storage_retention_and_contact(client, content, settings, language):
    """The privacy policy states the retention period from the settings and the campaign's
    contact details."""
    settings.UNCONFIRMED_RETENTION_DAYS = 9
    html = client.get(f"/{language}/legal.html").content.decode()
    expected = {
        "nl": ["Privacyverklaring", "na 9 dagen verwijderd", "geen cookies"],
        "en": ["Privacy policy", "deleted after 9 days", "no cookies"],
    }[language]
    for text in expected:
        assert text in html
    assert 'href="mailto:privacy@example.org"' in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_unknown_pages_give_a_translated_404(client, content, language):
    """An unknown page under a language gives a 404 in that language."""
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    text = {"nl": "Pagina niet gevonden", "en": "Page not found"}[language]
    assert text in response.content.decode()
    assert parse(response.content).html_lang == language


@pytest.mark.parametrize(
    ("accept", "text"), [("en", "Page not found"), ("nl", "Pagina niet gevonden")]
)
def test_unknown_language_prefix_gives_a_translated_404(client, content, accept, text):
    """/xx/... (a language the site does not have) is a 404 in the reader's language."""
    response = client.get("/xx/index.html", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 404
    assert text in response.content.decode()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_page_sets_a_cookie_or_loads_anything_from_another_host(client, content, language):
    """Readers get no cookie on any page, and every resource the browser loads comes from
    the site itself (share links to social networks are plain <a> links, which is fine)."""
    *pages, missing = public_paths(language)
    for url in [*pages, missing]:
        response = client.get(url)
        assert response.status_code == (404 if url == missing else 200), url
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url
        page = parse(response.content)
        assert foreign_resources(page, allowed_origins={"http://testserver"}) == [], url
    assert not client.cookies


@pytest.mark.parametrize("language", ["nl", "en"])
def test_head_has_title_description_hreflang_and_share_tags(client, content, language):
    """Every page has a <title>, a meta description, hreflang alternates for each published
    language plus x-default, and OpenGraph/Twitter tags with an absolute share image URL."""
    campaign = Campaign.objects.get()
    campaign.published_languages = ["en", "nl"]
    campaign.save()
    for url in public_paths(language)[:-2]:
        page = parse(client.get(url).content)
        assert page.title.strip(), url
        assert page.meta.get("description"), url
        alternates = {
            link["hreflang"]: link["href"]
            for link in page.links
            if link.get("rel") == "alternate" and link.get("hreflang")
        }
        assert set(alternates) == {"nl", "en", "x-default"}, url
        assert alternates["en"].startswith("http://testserver/en/")
        assert alternates["nl"].startswith("http://testserver/nl/")
        assert page.meta["og:image"].startswith("http://testserver/static/img/share"), url
        assert page.meta["twitter:card"] == "summary_large_image"
        assert page.meta["og:title"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_language_switcher_keeps_the_reader_on_the_same_page(client, content, language):
    """The switcher links to the same page in the other language."""
    other = {"nl": "en", "en": "nl"}[language]
    for name in ("campaigns:home", "campaigns:how_affected", "campaigns:legal", "news:list"):
        page = parse(client.get(path(name, language)).content)
        switch = [a["href"] for a in page.anchors if a.get("hreflang") == other]
        assert switch == [path(name, other)], name
    page = parse(client.get(f"/{language}/testimonials/aura/").content)
    switch = [a["href"] for a in page.anchors if a.get("hreflang") == other]
    assert switch == [f"/{other}/testimonials/aura/"]


def test_share_links_carry_the_share_text_url_encoded(client, content):
    """Each network's link carries the campaign's share text and the page address."""
    page = parse(client.get("/en/").content)
    hrefs = [a["href"] for a in page.anchors if "share__link" in a.get("class", "")]
    hrefs += [a["href"] for a in page.anchors if "button--share" in a.get("class", "")]
    hosts = {urlsplit(h).netloc or urlsplit(h).scheme for h in hrefs}
    assert hosts == {"x.com", "bsky.app", "wa.me", "t.me", "mailto"}
    for href in hrefs:
        query = parse_qs(urlsplit(href).query)
        joined = " ".join(value for values in query.values() for value in values)
        assert "The EU wants to have all our private messages scanned" in joined, href
        assert "http://testserver/en/" in joined, href
        assert " " not in href and "#" not in unquote(href).split("?")[0]


def test_mastodon_share_sends_the_reader_to_their_own_server(client, content):
    """The Mastodon form redirects to the reader's server's share page with the text filled
    in; a malformed server name shows the form again with an error, nothing else."""
    response = client.get(
        "/nl/share/mastodon/",
        {"instance": "https://Mastodon.Social/@me"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert (target.scheme, target.netloc, target.path) == ("https", "mastodon.social", "/share")
    assert "De EU wil al onze privéberichten" in parse_qs(target.query)["text"][0]
    response = client.get("/nl/share/mastodon/", {"instance": "javascript:alert(1)"})
    assert response.status_code == 200
    assert "Vul de naam van een server in" in response.content.decode()


@pytest.mark.parametrize("fetch_site", [None, "cross-site", "same-site", "none"])
def test_mastodon_share_from_elsewhere_shows_where_it_leads_and_never_redirects(
    client, content, fetch_site
):
    """A link from another site (or typed in, or from a browser that does not say) cannot use
    the share as an open redirect: it answers a page naming the host, with a link to it."""
    headers = {"Sec-Fetch-Site": fetch_site} if fetch_site else {}
    response = client.get("/nl/share/mastodon/", {"instance": "phishing.example"}, headers=headers)
    assert response.status_code == 200
    assert "Location" not in response
    page = parse(response.content.decode())
    links = [a["href"] for a in page.anchors if a["href"].startswith("https://phishing.example/")]
    assert len(links) == 1
    assert urlsplit(links[0]).path == "/share"
    intro = response.content.decode().split('<main id="main"')[1].split("<form")[0]
    assert "Mastodon-server phishing.example" in intro


def test_copy_button_needs_javascript_and_no_inline_script(client, content):
    """The copy-paste text is in a read-only textarea; its copy button is hidden until the
    site's own script shows it, and there is no inline script (the CSP forbids them)."""
    html = client.get("/nl/").content.decode()
    page = parse(html)
    textareas = [attrs for tag, attrs in page.elements if tag == "textarea"]
    assert textareas and "readonly" in textareas[0]
    buttons = [attrs for tag, attrs in page.elements if "js-copy" in attrs.get("class", "")]
    assert buttons and "hidden" in buttons[0]
    scripts = [attrs for tag, attrs in page.elements if tag == "script"]
    assert scripts and all(attrs.get("src", "").startswith("/static/") for attrs in scripts)


def test_pages_send_cache_headers_and_a_content_security_policy(client, content):
    """Public pages may be cached by shared caches and forbid anything from other hosts."""
    response = client.get("/en/")
    assert "public" in response["Cache-Control"]
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_site_works_before_any_content_is_loaded(client, db):
    """An empty database still gives working pages (no 500)."""
    for url in ("/nl/", "/en/how-CSAR-affects-us.html", "/nl/legal.html", "/en/news/"):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("path", ["/index.html", "/how-CSAR-affects-us.html", "/legal.html"])
def test_old_addresses_without_language_redirect_to_the_readers_language(client, content, path):
    """Addresses without a language prefix lead to the page in the reader's language."""
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == f"/en{path}"


@pytest.mark.parametrize(("language", "text"), [("nl", "Er ging iets mis"), ("en", "Something")])
def test_server_error_page_is_translated_and_needs_no_database(
    rf, django_assert_num_queries, language, text
):
    """The 500 page renders in the reader's language without a single database query."""
    from core.views import server_error

    with translation.override(language), django_assert_num_queries(0):
        response = server_error(rf.get(f"/{language}/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert text in html and f'<html lang="{language}">' in html


def test_uploaded_share_image_replaces_the_default(client, content):
    """When the campaign uploads its own share image, the card tags point to it."""
    from django.core.files.base import ContentFile

    from campaigns.models import Campaign

    campaign = Campaign.objects.get()
    campaign.share_image.save("card.png", ContentFile(b"\x89PNG fake"), save=True)
    page = parse(client.get("/en/").content)
    assert page.meta["og:image"] == f"http://testserver{campaign.share_image.url}"
    assert page.meta["twitter:image"] == page.meta["og:image"]


@pytest.mark.parametrize(
    "path", ["/nl/", "/en/", "/nl/how-CSAR-affects-us.html", "/en/legal.html", "/nl/news/"]
)
def test_site_pages_are_cached_without_cookies(client, path):
    """The site's public pages come from the page cache: public Cache-Control with
    stale-while-revalidate, an ETag that revalidates to 304, and no cookie or Vary: Cookie."""
    response = client.get(path)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "stale-while-revalidate" in response["Cache-Control"]
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    again = client.get(path, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
