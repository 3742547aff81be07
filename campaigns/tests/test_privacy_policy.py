"""The privacy policy in the campaign's own words: per language, safe formatting, the data
controller from the campaign's settings, shown at once after an edit; a placeholder contact
warns in the admin."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from campaigns.models import Campaign, CampaignTranslation
from campaigns.services import campaigner_group_ensure

pytestmark = pytest.mark.django_db


def set_policy(language: str, text: str) -> None:
    row = CampaignTranslation.objects.get(parent=Campaign.objects.get(), language=language)
    row.privacy_policy = text
    row.save()


def test_without_own_text_the_shipped_policy_and_the_controller(client, content):
    Campaign.objects.update(
        contact_name="Stichting Voorbeeld", contact_address="Straat 1\n1000 AA Stad"
    )
    html = client.get("/en/legal.html").text
    assert "Readers get no cookies" in html
    assert "Data controller and contact" in html
    assert "Stichting Voorbeeld<br>" in html and "Straat 1<br>1000 AA Stad" in html


def test_own_text_replaces_the_shipped_one_within_one_edit(client, content):
    """The page shows the new text on the next request after the save (the page cache's
    content version changes with it); the contact stays below it."""
    assert "Readers get no cookies" in client.get("/en/legal.html").text
    set_policy("en", "## Our policy\n\nWe keep *little*. <script>alert(1)</script>")
    html = client.get("/en/legal.html").text
    assert "<h2>Our policy</h2>" in html and "<em>little</em>" in html
    assert "<script>alert(1)</script>" not in html
    assert "Readers get no cookies" not in html
    assert 'href="mailto:privacy@example.org"' in html


def test_each_language_its_own_text_and_the_fallback_keeps_its_lang(client, content):
    """A Dutch policy is shown to Dutch readers; a language without one of its own shows the
    next one along its fallback chain, marked with its language."""
    set_policy("nl", "Ons beleid.")
    set_policy("en", "")
    assert "Ons beleid." in client.get("/nl/legal.html").text
    english = client.get("/en/legal.html").text
    assert '<div class="legal__own" lang="nl"><p>Ons beleid.</p>' in english
    set_policy("en", "Our policy.")
    english = client.get("/en/legal.html").text
    assert "Our policy." in english and "Ons beleid." not in english


@pytest.fixture
def campaigner(client):
    user = User.objects.create_user("campaigner", "team@campaign.example", "pw", is_staff=True)
    user.groups.add(campaigner_group_ensure())
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("address", "warned"), [("privacy@example.org", True), ("privacy@stopscanningme.eu", False)]
)
def test_admin_warns_about_a_placeholder_contact(campaigner, content, address, warned):
    campaign = Campaign.objects.get()
    Campaign.objects.update(contact_email=address)
    page = campaigner.get(reverse("admin:campaigns_campaign_change", args=[campaign.pk])).text
    assert ("The privacy policy names privacy@example.org as the contact" in page) is warned
    assert 'name="translations-0-privacy_policy"' in page


def test_campaigners_may_reword_the_mails_but_not_see_the_outbox(campaigner):
    assert campaigner.get(reverse("admin:outbox_mailtext_changelist")).status_code == 200
    assert campaigner.get(reverse("admin:outbox_outgoingmail_changelist")).status_code == 403
    assert "Reword the mails people get" in campaigner.get(reverse("admin:index")).text
