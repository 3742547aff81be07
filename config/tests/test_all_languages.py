"""Every public page in every configured language: the page says its language, has a title,
a main heading in that language (never the Dutch source where the language has its own text,
or English by fallback), and hreflang links to the published languages only."""

import html
import re

import pytest
from django.utils import translation
from django.utils.translation.trans_real import check_for_language

from campaigns.models import Campaign, CampaignTranslation
from core import languages
from core.tests.html import parse
from news.models import NewsItem

pytestmark = pytest.mark.django_db

H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
NEWS = "misleading-statistics"
# Pages whose main heading is an interface string, by path.
UI_PAGES = {
    "how-CSAR-affects-us.html": "How CSAR affects us",
    "legal.html": "Privacy policy",
    "news/": "News & media",
    "sign/": "Sign the petition",
    "newsletter/": "Stay updated!",
    "coalition/join/": "Join the coalition",
}


def heading(content: bytes) -> str:
    return html.unescape(H1.search(content.decode()).group(1)).strip()


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def content_text(model, language: str, field: str, **parent) -> tuple[str, str]:
    """The text a reader of `language` gets (its own, else its fallback's), and Dutch's."""
    rows = {row.language: row for row in model.objects.filter(**parent)}
    chosen = next(rows[code] for code in languages.fallback_chain(language) if code in rows)
    return getattr(chosen, field), getattr(rows["nl"], field)


@pytest.fixture
def everything_published(content):
    campaign = Campaign.objects.get()
    campaign.published_languages = languages.configured()
    campaign.save()


@pytest.mark.parametrize("language", languages.configured())
def test_every_page_in_every_language(client, everything_published, language):
    if not check_for_language(language):
        pytest.skip(f"{language} ({languages.name(language)}): no interface catalogue yet")
    published = {*languages.configured(), "x-default"}
    for page in ["", "testimonials/aura/", f"news/{NEWS}/", *UI_PAGES]:
        url = f"/{language}/{page}"
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = parse(response.content)
        assert parsed.html_lang == language, url
        assert parsed.title.strip(), url
        hreflangs = {link["hreflang"] for link in parsed.links if link.get("hreflang")}
        assert hreflangs == published, url
        shown = heading(response.content)
        if page in UI_PAGES:
            expected, dutch = (
                in_language(language, UI_PAGES[page]),
                in_language("nl", UI_PAGES[page]),
            )
            assert shown == expected, url
            assert parsed.title.startswith(expected), url
        elif page.startswith("news/"):
            expected, dutch = content_text(
                NewsItem.translations.rel.related_model, language, "title", parent__slug=NEWS
            )
            assert shown == expected, url
        elif page == "":
            expected, dutch = content_text(CampaignTranslation, language, "tagline")
            assert (
                f'<p class="hero__tagline">{html.escape(expected)}' in response.content.decode()
            ), url
            shown = expected
        else:
            continue  # a testimonial's heading is the person's name
        if language != "nl":
            assert shown != dutch, f"{url}: the heading is the Dutch text"
