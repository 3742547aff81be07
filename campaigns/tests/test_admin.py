"""Campaigners create and translate the campaign's content in the admin; the site shows it."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campaigns.models import AffectedGroup, Campaign, Reason
from core.tests.support import admin_add, change_data
from core.tests.test_images import camera_photo

pytestmark = pytest.mark.django_db


def test_admin_creates_a_campaign_in_two_languages(admin_client, client):
    """Adding a campaign with a Dutch and an English translation puts both on the site."""
    response = admin_add(
        admin_client,
        "/admin/campaigns/campaign/add/",
        {
            "slug": "new-campaign",
            "goal": "5000",
            "state": "open",
            "statistics_visible": "on",
            "endorsements_elsewhere": "7",
            "contact_name": "Team",
            "contact_email": "team@example.org",
            "contact_address": "Straat 1\nAmsterdam",
            "hashtag": "",
            "published_languages": ["en", "nl"],
        },
        [
            {
                "language": "nl",
                "title": "Nieuwe campagne",
                "tagline": "Nederlandse slogan",
                "consent_version": "1",
            },
            {
                "language": "en",
                "title": "New campaign",
                "tagline": "English tagline",
                "consent_version": "1",
            },
        ],
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get(slug="new-campaign")
    assert campaign.translations.count() == 2
    assert "English tagline" in client.get("/en/").content.decode()
    nl = client.get("/nl/").content.decode()
    assert "Nederlandse slogan" in nl and "Join 7" not in nl and "Sluit je aan bij 7 ngo" in nl
    assert "Straat 1<br>Amsterdam" in client.get("/en/legal.html").content.decode()


def test_admin_rejects_two_translations_in_the_same_language(admin_client):
    """Two rows for one language give an error in the form, nothing is saved."""
    response = admin_add(
        admin_client,
        "/admin/campaigns/campaign/add/",
        {
            "slug": "twice",
            "goal": "10",
            "endorsements_elsewhere": "0",
        },
        [
            {"language": "nl", "title": "Een", "consent_version": "1"},
            {"language": "nl", "title": "Twee", "consent_version": "1"},
        ],
    )
    assert response.status_code == 200
    assert not Campaign.objects.filter(slug="twice").exists()


def test_admin_edits_a_reason_and_the_site_shows_it(admin_client, client, content):
    """Changing a reason's English title in the admin changes the English home page."""
    reason = Reason.objects.order_by("order").first()
    assert "Your private messages will be monitored" in client.get("/en/").content.decode()
    data = change_data(
        reason,
        [{"language": "en", "title": "Your messages would be read"}],
        {"campaign": str(reason.campaign_id), "order": "1", "published": "on"},
    )
    response = admin_client.post(f"/admin/campaigns/reason/{reason.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    html = client.get("/en/").content.decode()
    assert "Your messages would be read" in html
    assert "Your private messages will be monitored" not in html


def test_admin_adds_a_translated_affected_group(admin_client, client, content):
    """A new group added in the admin appears on the how-CSAR page in both languages."""
    response = admin_add(
        admin_client,
        "/admin/campaigns/affectedgroup/add/",
        {
            "campaign": str(Campaign.objects.get().pk),
            "slug": "journalists",
            "order": "9",
            "published": "on",
        },
        [
            {"language": "nl", "title": "Journalisten", "body": "Bronnen beschermen."},
            {"language": "en", "title": "Journalists", "body": "Protecting sources."},
        ],
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert AffectedGroup.objects.filter(slug="journalists").exists()
    assert ">Journalists</h2>" in client.get("/en/how-CSAR-affects-us.html").content.decode()
    assert ">Journalisten</h2>" in client.get("/nl/how-CSAR-affects-us.html").content.decode()


def test_admin_pages_open(admin_client, content):
    """Every content admin page (lists and change forms) opens for a campaigner."""
    for url in (
        "/admin/campaigns/campaign/",
        "/admin/campaigns/campaign/add/",
        f"/admin/campaigns/campaign/{Campaign.objects.get().pk}/change/",
        "/admin/campaigns/reason/",
        "/admin/campaigns/affectedgroup/",
        "/admin/campaigns/affectedgroup/add/",
        "/admin/testimonials/testimonial/",
        "/admin/testimonials/testimonial/add/",
        "/admin/news/newsitem/",
        "/admin/news/newsitem/add/",
    ):
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "url",
    [
        "/admin/campaigns/campaign/add/",
        "/admin/campaigns/reason/add/",
        "/admin/campaigns/affectedgroup/add/",
        "/admin/testimonials/testimonial/add/",
        "/admin/news/newsitem/add/",
    ],
)
def test_add_forms_offer_one_translation_row_per_language(admin_client, url):
    """Each add form starts with one translation row for each published language (without a
    campaign: the source and fallback languages) and allows one for every site language."""
    html = admin_client.get(url).content.decode()
    assert 'name="translations-TOTAL_FORMS" value="2"' in html
    assert f'name="translations-MAX_NUM_FORMS" value="{len(settings.LANGUAGES)}"' in html


def test_admin_share_image_goes_through_the_image_pipeline(admin_client):
    """The share image a campaigner uploads is stored re-encoded, without its EXIF and GPS
    position, and a GIF under a .png name is refused."""
    fields = {
        "slug": "shared",
        "goal": "5000",
        "state": "open",
        "statistics_visible": "on",
        "endorsements_elsewhere": "0",
        "hashtag": "",
        "published_languages": ["en"],
    }
    translations = [{"language": "en", "title": "Shared", "consent_version": "1"}]
    gif = io.BytesIO()
    Image.new("RGB", (1200, 630)).save(gif, format="GIF")
    refused = admin_add(
        admin_client,
        "/admin/campaigns/campaign/add/",
        {**fields, "share_image": SimpleUploadedFile("share.png", gif.getvalue())},
        translations,
    )
    assert refused.status_code == 200
    assert "Dit bestand is geen geldige JPEG-, PNG- of WebP-afbeelding." in refused.content.decode()
    assert not Campaign.objects.filter(slug="shared").exists()

    photo = camera_photo("share.jpg", size=(2400, 1260))
    response = admin_add(
        admin_client,
        "/admin/campaigns/campaign/add/",
        {**fields, "share_image": photo},
        translations,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = Campaign.objects.get(slug="shared").share_image
    with stored.open() as file, Image.open(file) as image:
        assert image.format == "JPEG" and image.size == (1200, 630)
        assert not image.getexif()
