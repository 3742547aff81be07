"""The shipped translation files (campaigns/seed_content/translations/<code>.json): loaded as
unreviewed translations of the Dutch source, whole items only, and marked outdated when the
source text changes afterwards."""

import json

import pytest

from campaigns import seed_content
from campaigns.models import Campaign, CampaignTranslation, Reason, ReasonTranslation
from campaigns.services import campaign_content_load
from news.models import NewsItemTranslation
from testimonials.models import TestimonialTranslation

pytestmark = pytest.mark.django_db


def source_keys() -> dict[str, str]:
    """Every translatable text of the seed by its key, in Dutch."""
    keys = {
        f"campaign.{name}": text
        for name, text in seed_content.CAMPAIGN_TRANSLATIONS["nl"].items()
        if text
    }
    for reason in seed_content.REASONS:
        title, body = reason["nl"]
        keys |= {f"reason.{reason['order']}.title": title, f"reason.{reason['order']}.body": body}
    for group in seed_content.AFFECTED_GROUPS:
        title, body = group["nl"]
        keys |= {f"group.{group['slug']}.title": title, f"group.{group['slug']}.body": body}
    for item in seed_content.NEWS_ITEMS:
        title, teaser = item["nl"]
        keys |= {f"news.{item['slug']}.title": title, f"news.{item['slug']}.teaser": teaser}
    for item in seed_content.TESTIMONIALS:
        keys |= {
            f"testimonial.{item['slug']}.{name}": text for name, text in item["nl"].items() if text
        }
    return keys


def write(directory, language: str, texts: dict[str, str]) -> None:
    directory.mkdir(exist_ok=True)
    (directory / f"{language}.json").write_text(json.dumps(texts, ensure_ascii=False))


def test_the_key_scheme_covers_all_54_texts():
    assert len(source_keys()) == 54


def test_shipped_files_match_the_keys():
    """Every shipped file has exactly the seed's keys, none empty (a partial file would load,
    but a shipped one must be whole)."""
    keys = set(source_keys())
    for language, texts in seed_content.shipped_translations().items():
        assert set(texts) == keys, language
        assert all(text.strip() for text in texts.values()), language


def test_a_file_loads_as_unreviewed_translations_of_the_source(tmp_path):
    write(tmp_path, "de", {key: f"DE {text}" for key, text in source_keys().items()})
    campaign_content_load(translations_dir=tmp_path)
    de = CampaignTranslation.objects.get(language="de")
    nl = CampaignTranslation.objects.get(language="nl")
    assert de.title == f"DE {nl.title}"
    assert de.consent_version == nl.consent_version
    assert not de.reviewed and nl.reviewed
    assert not CampaignTranslation.objects.get(language="en").reviewed
    assert de.outdated_fields(nl) == []
    for model in (ReasonTranslation, NewsItemTranslation, TestimonialTranslation):
        assert model.objects.filter(language="de", reviewed=False).count() == (
            model.objects.filter(language="nl").count()
        )
    assert Campaign.objects.get().published_languages[:3] == ["bg", "cs", "da"]


def test_a_file_missing_a_text_leaves_that_item_to_the_fallback(tmp_path, client):
    texts = {key: f"PL {text}" for key, text in source_keys().items()}
    del texts["reason.2.body"]
    write(tmp_path, "pl", texts)
    campaign_content_load(translations_dir=tmp_path)
    reason_two = Reason.objects.get(order=2)
    assert not reason_two.translations.filter(language="pl").exists()
    assert Reason.objects.get(order=1).translations.filter(language="pl").exists()
    html = client.get("/pl/").content.decode()
    title = '\n              <h3 class="reason__title">'
    english = reason_two.translations.get(language="en")
    assert f'<li class="reason" lang="en">{title}{english.title}' in html
    polish = Reason.objects.get(order=1).translations.get(language="pl")
    assert f'<li class="reason">{title}{polish.title}' in html


def test_without_files_languages_have_no_texts_of_their_own(tmp_path):
    campaign_content_load(translations_dir=tmp_path)
    assert set(CampaignTranslation.objects.values_list("language", flat=True)) == {"nl", "en"}


def test_a_changed_source_makes_its_translations_outdated(tmp_path):
    write(tmp_path, "de", {key: f"DE {text}" for key, text in source_keys().items()})
    campaign_content_load(translations_dir=tmp_path)
    nl = CampaignTranslation.objects.get(language="nl")
    nl.tagline = "Een nieuwe slogan"
    nl.save()
    de = CampaignTranslation.objects.get(language="de")
    assert de.outdated_fields(nl) == ["tagline"]
    assert CampaignTranslation.objects.get(language="en").outdated_fields(nl) == ["tagline"]
