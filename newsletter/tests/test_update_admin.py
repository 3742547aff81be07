"""Campaigners write, preview, test and send updates in the admin; only with the permission
to send updates."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail

from newsletter.models import Delivery, Update, UpdateTranslation
from newsletter.tests.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def update():
    update = Update.objects.create(name="Vote", call_to_action_url="https://example.org/act")
    UpdateTranslation.objects.create(
        update=update,
        language="nl",
        subject="Stemming",
        body="Het Parlement stemde *tegen*.\n\n<script>alert(1)</script>",
        call_to_action_label="Doe mee",
    )
    return update


def staff(client, *, may_send: bool):
    user = User.objects.create_user("campaigner", "campaigner@example.org", "x", is_staff=True)
    names = [
        f"{action}_{model}"
        for action in ("view", "add", "change", "delete")
        for model in ("update", "updatetranslation")
    ]
    names += ["send_update"] if may_send else []
    user.user_permissions.set(Permission.objects.filter(codename__in=names))
    client.force_login(user)
    return client


def test_write_an_update_with_a_text_per_language(client):
    admin = staff(client, may_send=True)
    data = {
        "name": "Launch",
        "call_to_action_url": "",
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        "translations-0-language": "en",
        "translations-0-subject": "We launched",
        "translations-0-body": "Hello",
        "translations-0-call_to_action_label": "",
    }
    assert admin.post("/admin/newsletter/update/add/", data).status_code == 302
    assert UpdateTranslation.objects.get().subject == "We launched"
    data["translations-0-language"] = "xx"
    data["name"] = "Other"
    page = admin.post("/admin/newsletter/update/add/", data)
    assert page.status_code == 200 and Update.objects.count() == 1  # no such language


def test_preview_shows_the_sanitised_mail(client, update):
    admin = staff(client, may_send=True)
    page = admin.get(f"/admin/newsletter/update/{update.pk}/change/")
    assert f"/admin/newsletter/update/{update.pk}/preview/nl/" in page.content.decode()
    preview = admin.get(f"/admin/newsletter/update/{update.pk}/preview/nl/").content.decode()
    assert "<em>tegen</em>" in preview
    assert "<script>" not in preview
    assert '<a href="https://example.org/act">Doe mee</a>' in preview
    assert admin.get(f"/admin/newsletter/update/{update.pk}/preview/en/").status_code == 404


def test_test_mail_goes_to_the_campaigner_only(client, update):
    SubscriptionFactory(language="nl")
    admin = staff(client, may_send=True)
    response = admin.post(f"/admin/newsletter/update/{update.pk}/test/", {"language": "nl"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["campaigner@example.org"]
    assert message.subject == "Stemming"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Delivery.objects.exists()


def test_send_page_counts_then_queues(client, update):
    SubscriptionFactory.create_batch(3, language="nl")
    SubscriptionFactory(language="en")
    admin = staff(client, may_send=True)
    page = admin.get(f"/admin/newsletter/update/{update.pk}/send/").content.decode()
    assert '<th scope="row">nl</th><td>3</td>' in page
    response = admin.post(f"/admin/newsletter/update/{update.pk}/send/", {"language": ""})
    assert response.status_code == 302
    assert Delivery.objects.filter(update=update).count() == 3
    progress = admin.get(f"/admin/newsletter/update/{update.pk}/change/").content.decode()
    assert 'id="update-progress"' in progress
    bad = admin.post(f"/admin/newsletter/update/{update.pk}/send/", {"language": "en"})
    assert bad.status_code == 200  # not written in English: refused, nothing queued
    assert Delivery.objects.count() == 3


def test_without_the_permission_nothing_can_be_previewed_tested_or_sent(client, update):
    SubscriptionFactory(language="nl")
    admin = staff(client, may_send=False)
    assert admin.get(f"/admin/newsletter/update/{update.pk}/preview/nl/").status_code == 403
    test = admin.post(f"/admin/newsletter/update/{update.pk}/test/", {"language": "nl"})
    assert test.status_code == 403
    assert admin.post(f"/admin/newsletter/update/{update.pk}/send/", {}).status_code == 403
    assert not mail.outbox and not Delivery.objects.exists()
    page = admin.get(f"/admin/newsletter/update/{update.pk}/change/").content.decode()
    assert "/send/" not in page


def test_languages_without_a_text_are_named_and_reached_only_when_ticked(client, update):
    """An update written in Dutch only: the send page names the subscribers of the other
    languages; sent without the box, they get nothing; with it, each gets the text their
    fallback chain reaches (here the Dutch one), in a mail that says its language."""
    from newsletter import services

    SubscriptionFactory.create_batch(2, language="nl")
    SubscriptionFactory(language="en", email="english@example.org")
    SubscriptionFactory(language="de", email="german@example.org")
    admin = staff(client, may_send=True)
    url = f"/admin/newsletter/update/{update.pk}/send/"
    page = admin.get(url).content.decode()
    assert 'id="update-unwritten"' in page
    assert '<th scope="row">de</th><td>1</td>' in page
    assert '<th scope="row">en</th><td>1</td>' in page
    admin.post(url, {"language": ""})
    assert Delivery.objects.filter(update=update).count() == 2
    admin.post(url, {"language": "", "fallback": "on"})
    assert sorted(
        Delivery.objects.filter(update=update).values_list("subscription__language", "language")
    ) == [("de", "nl"), ("en", "nl"), ("nl", "nl"), ("nl", "nl")]
    mail.outbox.clear()
    services.deliveries_hand_over()
    german = next(m for m in mail.outbox if m.to == ["german@example.org"])
    assert german.subject == "Stemming"
    assert german.extra_headers["Content-Language"] == "nl"


def test_fallback_picks_the_first_written_language_of_the_chain():
    from newsletter.services import update_text_language

    assert update_text_language(subscriber="de", written={"de", "en"}, fallback=False) == "de"
    assert update_text_language(subscriber="fr", written={"nl", "en"}, fallback=False) is None
    assert update_text_language(subscriber="fr", written={"nl", "en"}, fallback=True) == "en"
    assert update_text_language(subscriber="fr", written={"nl"}, fallback=True) == "nl"
