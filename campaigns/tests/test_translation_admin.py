"""The campaign's translation work in the admin: status per language, the translators'
files, the import, the needs-review filter and what saving a translation records."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import Campaign, CampaignTranslation, Reason, ReasonTranslation
from campaigns.tests.test_po import locale  # noqa: F401 (fixture)
from core.tests.support import change_data

pytestmark = pytest.mark.django_db

STATUS_URL = "/admin/campaigns/campaign/translations/"


def test_the_status_page_gives_each_language_its_percentages(admin_client, source_content):
    nl = CampaignTranslation.objects.get(language="nl")
    nl.tagline = "Een nieuwe slogan"
    nl.save()
    html = admin_client.get(STATUS_URL).content.decode()
    assert '<th scope="row" lang="de">Deutsch (de)</th>' in html
    # English: every text translated, none reviewed yet, the changed tagline outdated.
    english = html[html.index("English (en)") :]
    assert "<td>100 % (54/54)</td>" in english[:300]
    assert "<td>0 %</td>" in english[:300]
    assert "<code>campaign.tagline</code>" in english[:700]
    dutch = html[html.index("Nederlands (nl)") :]
    assert "<td>100 %</td>" in dutch[:300]
    polish = html[html.index("polski (pl)") :]
    assert "<td>0 % (0/54)</td>" in polish[:300]


def test_the_campaign_form_shows_what_each_language_lacks(admin_client, source_content):
    campaign = Campaign.objects.get()
    html = admin_client.get(f"/admin/campaigns/campaign/{campaign.pk}/change/").content.decode()
    assert "<th>Deutsch (de)</th><td>0 %</td>" in html
    assert 'name="published_languages" value="mt"' in html


def test_a_file_for_translators_is_downloaded(admin_client, source_content, locale):  # noqa: F811
    response = admin_client.get(f"{STATUS_URL}de.po")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    po = polib.pofile(response.content.decode())
    assert po.metadata["Language"] == "de"
    assert admin_client.get(f"{STATUS_URL}xx.po").status_code == 404


def upload(admin_client, po: polib.POFile):
    data = SimpleUploadedFile("de.po", str(po).encode(), content_type="text/plain")
    return admin_client.post(STATUS_URL, {"file": data})


def test_a_bad_file_is_refused_with_its_problems_and_changes_nothing(
    admin_client,
    source_content,
    locale,  # noqa: F811
):
    po = polib.pofile(admin_client.get(f"{STATUS_URL}de.po").content.decode())
    po.find("campaign.title", by="msgctxt").msgstr = '<b onclick="steal()">Titel</b>'
    po.find("campaign.tagline", by="msgctxt").msgstr = "Gut"
    response = upload(admin_client, po)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is niets geïmporteerd." in html
    assert "campaign.title" in html
    assert not CampaignTranslation.objects.filter(language="de").exists()


def test_a_good_file_is_imported_unreviewed(admin_client, source_content, locale):  # noqa: F811
    po = polib.pofile(admin_client.get(f"{STATUS_URL}de.po").content.decode())
    for entry in po:
        if entry.msgctxt and entry.msgctxt.startswith("reason.3."):
            entry.msgstr = f"DE {entry.msgid}"
    response = upload(admin_client, po)
    assert response.status_code == 302
    row = ReasonTranslation.objects.get(language="de")
    assert row.parent.order == 3 and not row.reviewed


def test_the_needs_review_filter(admin_client, source_content):
    ReasonTranslation.objects.filter(parent__order__in=[1, 2]).update(reviewed=True)

    def listed(value: str) -> list[int]:
        page = admin_client.get(f"/admin/campaigns/reason/?needs_review={value}")
        return [reason.order for reason in page.context["cl"].result_list]

    assert listed("en") == [3]
    assert listed("any") == [3]
    assert listed("xx") == []


def test_saving_a_translation_in_the_admin_brings_it_up_to_date(admin_client, source_content):
    reason = Reason.objects.get(order=1)
    nl = reason.translations.get(language="nl")
    nl.title = "Een nieuwe titel"
    nl.save()
    en = reason.translations.get(language="en")
    assert en.outdated_fields(nl) == ["title"]
    fields = {"campaign": str(reason.campaign_id), "order": "1", "published": "on"}
    data = change_data(reason, [{"language": "en", "title": "A new title"}], fields)
    response = admin_client.post(f"/admin/campaigns/reason/{reason.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"]
    en.refresh_from_db()
    assert en.title == "A new title" and en.outdated_fields(nl) == []
