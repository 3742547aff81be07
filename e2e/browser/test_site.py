"""A reader arrives on `/`, lands in their language, switches language without losing their
place, and finds every section of the home page in the order the campaign tells its story."""

import re

import pytest

from e2e.browser.helpers import url

pytestmark = pytest.mark.browser

OTHER = {"nl": "en", "en": "nl"}

# The home page's section headings, in order (Dutch from the campaign's own text).
SECTIONS = {
    "nl": [
        "Waarom zou ik me zorgen maken?",
        "Wat zeggen mensen?",
        "Blijf op de hoogte!",
        "Nieuws en media",
        "Onze coalitie",
    ],
    "en": [
        "Why should I care?",
        "What do people say?",
        "Stay updated!",
        "News & media",
        "Our coalition",
    ],
}
TITLE = {"nl": "Stop scanning me!", "en": "Stop scanning me!"}
JOIN_CTA = {
    "nl": re.compile(r"Sluit je aan bij \d+ ngo's en teken de petitie"),
    "en": re.compile(r"Join \d+ NGOs and sign the petition", re.IGNORECASE),
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_root_sends_the_reader_to_their_browser_language(new_context, language):
    """`/` redirects by Accept-Language alone to /<lang>/, served in that language."""
    page = new_context(language).new_page()
    page.goto("/")
    assert page.url.endswith(f"/{language}/")
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", ["campaigns:home", "campaigns:how_affected", "campaigns:legal"])
def test_switching_language_stays_on_the_same_page(new_context, language, name):
    """The language switcher (a disclosure: it opens without JavaScript) leads to the same
    page in the other language."""
    other = OTHER[language]
    page = new_context(language).new_page()
    page.goto(url(name, language))
    page.locator(".lang-menu summary").click()
    with page.expect_navigation():
        page.locator(f'a[hreflang="{other}"]').first.click()
    assert page.url.endswith(url(name, other))
    assert page.locator("html").get_attribute("lang") == other


@pytest.mark.parametrize("language", ["nl", "en"])
def test_home_page_shows_every_section_in_order(new_context, language):
    """The hero title, the call to join N NGOs (twice), and the section headings, in order."""
    page = new_context(language).new_page()
    page.goto(url("campaigns:home", language))
    assert page.locator("h1").first.inner_text().strip() == TITLE[language]
    headings = [text.strip() for text in page.locator("main h2").all_inner_texts()]
    positions = []
    for heading in SECTIONS[language]:
        assert heading in headings, f"{heading!r} missing from {headings}"
        positions.append(headings.index(heading))
    assert positions == sorted(positions), headings
    ctas = page.get_by_text(JOIN_CTA[language])
    assert ctas.count() == 2
    for section in ("reasons", "testimonials", "news", "coalition-section"):
        assert page.locator(f"main section.{section}").is_visible(), section
