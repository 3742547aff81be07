"""Languages are configuration: which the site serves, which the campaign publishes, where a
missing text is looked for next, and what readers of an unpublished language get."""

import pytest
from django.core.exceptions import ValidationError

from campaigns.tests.factories import CampaignFactory, CampaignTranslationFactory
from core import languages

pytestmark = pytest.mark.django_db

EU_LANGUAGES = [
    "bg",
    "cs",
    "da",
    "de",
    "el",
    "en",
    "es",
    "et",
    "fi",
    "fr",
    "ga",
    "hr",
    "hu",
    "it",
    "lt",
    "lv",
    "mt",
    "nl",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "sv",
]


def test_the_site_can_serve_the_24_official_eu_languages_named_in_themselves():
    assert languages.configured() == EU_LANGUAGES
    assert languages.name("de") == "Deutsch"
    assert languages.name("el") == "Ελληνικά"
    assert languages.name("ga") == "Gaeilge"
    assert languages.name("mt") == "Malti"


def test_every_chain_ends_with_english_then_the_source_language():
    assert languages.fallback_chain("de") == ["de", "en", "nl"]
    assert languages.fallback_chain("en") == ["en", "nl"]
    assert languages.fallback_chain("nl") == ["nl", "en"]


def test_a_configured_chain_comes_first(settings):
    """Luxembourgish readers get German before English (one setting, no code)."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("lb", "Lëtzebuergesch")]
    settings.LANGUAGE_FALLBACKS = {"lb": ["de", "en"]}
    assert languages.fallback_chain("lb") == ["lb", "de", "en", "nl"]


def test_language_fields_are_validated_in_code_not_by_choices():
    from campaigns.models import CampaignTranslation

    field = CampaignTranslation._meta.get_field("language")
    assert not field.choices
    field.run_validators("pl")
    with pytest.raises(ValidationError):
        field.run_validators("xx")


@pytest.mark.parametrize(
    "value",
    [[], ["de", "de"], ["de", "xx"], "de", [1]],
    ids=["empty", "twice", "unknown", "str", "int"],
)
def test_a_bad_list_of_published_languages_is_refused(value):
    with pytest.raises(ValidationError):
        languages.validate_language_list(value)


def test_without_a_campaign_the_source_and_fallback_languages_are_published():
    assert languages.published() == ["en", "nl"]


def test_the_campaign_publishes_languages_in_the_settings_order():
    CampaignFactory(published_languages=["sv", "de", "en"])
    assert languages.published() == ["de", "en", "sv"]
    assert languages.best_published("de") == "de"
    assert languages.best_published("pl") == "en"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de-AT,de;q=0.9,en;q=0.5", "de"),
        ("pl,de;q=0.8", "de"),  # pl is not published: the next wish
        ("fr-FR", "en"),
        ("", "en"),
        ("*", "en"),
        ("garbage;;;q=x", "en"),
    ],
)
def test_negotiation_picks_among_published_languages_else_english(header, expected):
    CampaignFactory(published_languages=["de", "en", "nl"])
    assert languages.negotiate(header) == expected


def test_root_redirects_to_a_published_language(client):
    CampaignTranslationFactory(language="nl", parent__published_languages=["de", "en", "nl"])
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")["Location"] == "/de/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="pl")["Location"] == "/en/"


def test_an_unpublished_language_redirects_to_the_best_published_page(client):
    """A known but unpublished language is not a dead end: 302 to the same page in the first
    published language of its chain, query kept; an unknown language is a 404."""
    CampaignTranslationFactory(language="nl", parent__published_languages=["en", "nl"])
    response = client.get("/de/how-CSAR-affects-us.html?src=abc")
    assert response.status_code == 302
    assert response["Location"] == "/en/how-CSAR-affects-us.html?src=abc"
    assert not response.cookies
    assert client.get("/xx/").status_code == 404


def test_staff_preview_an_unpublished_language_uncached(admin_client, client):
    CampaignTranslationFactory(language="nl", parent__published_languages=["en", "nl"])
    response = admin_client.get("/de/")
    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # A reader asking right after still gets the redirect, not the preview.
    assert client.get("/de/").status_code == 302


def test_switcher_and_hreflang_offer_only_published_languages(client):
    CampaignTranslationFactory(language="nl", parent__published_languages=["de", "en", "nl"])
    html = client.get("/en/").content.decode()
    assert html.count('rel="alternate" hreflang=') == 4  # de, en, nl and x-default
    assert 'hreflang="de" href="http://testserver/de/"' in html
    assert 'hreflang="pl"' not in html
    assert '<a href="/de/" hreflang="de" lang="de">Deutsch</a>' in html
    assert "polski" not in html


def test_publishing_a_language_shows_it_at_once(client):
    nl = CampaignTranslationFactory(language="nl", parent__published_languages=["en", "nl"])
    assert client.get("/pl/").status_code == 302
    nl.parent.published_languages = ["en", "nl", "pl"]
    nl.parent.save()
    assert client.get("/pl/").status_code == 200


@pytest.mark.parametrize("language", ["en", "de", "nl", "sv", "es", "fr"])
def test_the_real_sites_addresses_work_in_its_six_languages(client, content, language):
    """Links from all over the web point at the old site's pages in its six languages."""
    for old, canonical in (
        ("index.html", f"/{language}/"),
        ("how-CSAR-affects-us.html", f"/{language}/how-CSAR-affects-us.html"),
        ("legal.html", f"/{language}/legal.html"),
    ):
        response = client.get(f"/{language}/{old}")
        assert response.status_code == 200, old
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert f'<link rel="canonical" href="http://testserver{canonical}">' in html
