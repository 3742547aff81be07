"""The shipped content, the NGO count, and the fallback to the default language."""

import pytest
from django.core.management import call_command

from campaigns.models import Campaign, CampaignTranslation, Reason
from campaigns.tests.factories import (
    CampaignFactory,
    CampaignTranslationFactory,
    ReasonTranslationFactory,
)
from coalition.models import Organisation
from core.tests.html import parse
from news.models import NewsItem
from testimonials import models as testimonial_models

pytestmark = pytest.mark.django_db


def _snapshot() -> list:
    from django.apps import apps

    rows = []
    for label in ("campaigns", "testimonials", "news"):
        for model in apps.get_app_config(label).get_models():
            rows += [(model.__name__, *row) for row in model.objects.values_list()]
    return sorted(rows, key=repr)


def test_load_campaign_is_idempotent(content):
    """Running load_campaign again, with or without --reset, changes nothing."""
    before = _snapshot()
    call_command("load_campaign", verbosity=0)
    call_command("load_campaign", "--reset", verbosity=0)
    assert _snapshot() == before


def test_load_campaign_loads_the_seed(content):
    """One campaign with 133 endorsements and no organisations, three reasons, five
    testimonials without photos, eight news items; Dutch, English and every language with a
    shipped translation file for each."""
    from campaigns.seed_content import shipped_translations

    expected = {"nl", "en", *shipped_translations()}
    campaign = Campaign.objects.get()
    assert campaign.endorsements_elsewhere == 133
    assert not Organisation.objects.exists()
    assert Reason.objects.count() == 3
    assert testimonial_models.Testimonial.objects.count() == 5
    assert not testimonial_models.Testimonial.objects.exclude(photo="").exists()
    assert NewsItem.objects.count() == 8
    for model in (Campaign, Reason, testimonial_models.Testimonial, NewsItem):
        for obj in model.objects.all():
            assert {t.language for t in obj.translations.all()} == expected


def test_load_campaign_keeps_campaigners_edits_unless_reset(content):
    """A plain reload leaves edited texts alone; --reset puts the shipped text back."""
    translation = CampaignTranslation.objects.get(language="en")
    translation.title = "Edited by a campaigner"
    translation.save()
    call_command("load_campaign", verbosity=0)
    translation.refresh_from_db()
    assert translation.title == "Edited by a campaigner"
    call_command("load_campaign", "--reset", verbosity=0)
    translation.refresh_from_db()
    assert translation.title == "Stop scanning me!"


def test_ngo_count_grows_when_an_organisation_is_approved(client, content):
    """N = approved organisations + endorsements elsewhere: 133 out of the box, 134 once an
    organisation is approved (a pending one does not count)."""
    assert "Join 133 NGOs" in client.get("/en/").content.decode()
    organisation = Organisation.objects.create(
        name="Digital Rights NL", website="https://d.example"
    )
    assert "Join 133 NGOs" in client.get("/en/").content.decode()
    organisation.status = Organisation.Status.APPROVED
    organisation.save()
    html = client.get("/en/").content.decode()
    assert "Join 134 NGOs" in html
    assert "Digital Rights NL" in html  # no logo: the name as text, linked to its website
    assert 'href="https://d.example"' in html


def test_missing_translation_falls_back_to_the_default_language_marked_with_lang(client, db):
    """Content without an English translation is shown in Dutch on the English page, inside
    an element marked lang="nl"; translated content carries no such mark."""
    campaign = CampaignFactory(endorsements_elsewhere=0)
    CampaignTranslationFactory(parent=campaign, language="nl", title="Alleen in het Nederlands")
    ReasonTranslationFactory(parent__campaign=campaign, language="nl", title="Nederlandse reden")
    english = ReasonTranslationFactory(parent__campaign=campaign, language="en", title="Reason")
    ReasonTranslationFactory(parent=english.parent, language="nl", title="Reden")

    html = client.get("/en/").content.decode()
    page = parse(html)
    assert page.html_lang == "en"
    # The hero's campaign texts are marked; the sign form between them is in the page's language.
    hero = [attrs for tag, attrs in page.elements if attrs.get("class", "").startswith("hero__")]
    marks = {attrs["class"]: attrs.get("lang") for attrs in hero}
    assert marks["hero__head"] == marks["hero__intro"] == "nl", marks
    assert marks["hero__sign"] is None, marks
    assert "Alleen in het Nederlands" in html
    reasons = [attrs for tag, attrs in page.elements if attrs.get("class") == "reason"]
    assert [r.get("lang") for r in reasons] == ["nl", None]
    assert "Nederlandse reden" in html and ">Reason<" in html and ">Reden<" not in html


def test_admin_counts_ngos(admin_client, content):
    """The campaign admin list shows the NGO count the site shows."""
    Organisation.objects.create(name="Approved", status=Organisation.Status.APPROVED)
    html = admin_client.get("/admin/campaigns/campaign/").content.decode()
    assert ">134<" in html
