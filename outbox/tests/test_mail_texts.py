"""The campaign's own mail texts: placeholders checked on save, the shipped wording as the
default in each language, the campaign's text used when it has one, a preview that saves
nothing."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.urls import reverse

from outbox import services, texts
from outbox.models import MailText

pytestmark = pytest.mark.django_db

CONFIRM = "petitions/mail/confirm"
CONTEXT = {
    "confirm_url": "https://campaign.example/nl/sign/confirm/abc/",
    "delete_url": "https://campaign.example/nl/sign/delete/def/",
    "expires_hours": 72,
}


def send(template: str = CONFIRM, language: str = "nl", context: dict | None = None):
    mail.outbox.clear()
    services.mail_enqueue(
        template=template,
        recipient="reader@example.org",
        language=language,
        context=CONTEXT if context is None else context,
    )
    [message] = mail.outbox
    return message


def html_of(message) -> str:
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    return html


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_default_passes_its_own_checks(language):
    """The shipped text of every mail, in every language, has its required placeholders and
    no unknown one: a campaigner can save it unchanged."""
    for kind in texts.KINDS.values():
        subject, body = texts.default_text(kind, language)
        assert texts.problems(kind=kind, subject=subject, body=body) == [], (kind.key, language)
        assert subject or not kind.has_subject


def test_default_follows_the_language():
    """Each language's default comes from its translation files (a Dutch start for Dutch)."""
    kind = texts.KINDS[CONFIRM]
    english = texts.default_text(kind, "en")[1]
    dutch = texts.default_text(kind, "nl")[1]
    assert english.startswith("Hello,")
    assert dutch != english
    assert "{confirm_url}" in dutch


def test_without_own_text_the_shipped_templates_write_the_mail():
    message = send()
    assert CONTEXT["confirm_url"] in message.body
    assert "Stop Scanning Me" in html_of(message)


def test_own_text_is_used_in_its_language_only():
    """The campaign's Dutch text writes the Dutch mail (subject, plain text with the link,
    HTML with the link and the formatting); the English mail keeps the shipped wording."""
    MailText.objects.create(
        kind=CONFIRM,
        language="nl",
        subject="Bevestig alsjeblieft",
        body="Hallo **vriend**,\n\n[Bevestig]({confirm_url})\n\n[Wis]({delete_url}) ({hours} uur)",
    )
    message = send(language="nl")
    assert message.subject == "Bevestig alsjeblieft"
    assert "Bevestig:\n" + CONTEXT["confirm_url"] in message.body
    assert "(72 uur)" in message.body
    html = html_of(message)
    assert f'<a href="{CONTEXT["confirm_url"]}"' in html
    assert "<strong>vriend</strong>" in html
    assert message.extra_headers["Content-Language"] == "nl"

    english = send(language="en")
    assert english.subject == "Please confirm your signature"


def test_a_name_cannot_add_links_or_formatting():
    """An organisation's name is text: in the HTML part its Markdown is shown, not followed."""
    MailText.objects.create(
        kind="coalition/mail/approved", language="en", subject="Welcome", body="Dear {name}!"
    )
    context = {"name": "[Evil](https://evil.example) **Org**", "site_url_home": "https://x/"}
    message = send("coalition/mail/approved", "en", context)
    html = html_of(message)
    assert 'evil.example"' not in html and "<strong>" not in html
    assert "[Evil](https://evil.example) **Org**" in message.body


def test_update_footer_in_the_campaigns_words():
    MailText.objects.create(
        kind="newsletter/mail/update",
        language="en",
        body="Sent by the team. [Stop these mails]({unsubscribe_url})",
    )
    context = {
        "subject": "News",
        "body_html": "<p>Body</p>",
        "body_text": "Body",
        "action_url": "",
        "action_label": "",
        "unsubscribe_url": "https://campaign.example/en/unsubscribe/t/",
    }
    message = send("newsletter/mail/update", "en", context)
    assert message.subject == "News"
    assert "Stop these mails:\nhttps://campaign.example/en/unsubscribe/t/" in message.body
    assert "You receive this because" not in message.body
    html = html_of(message)
    assert '<a href="https://campaign.example/en/unsubscribe/t/" rel="noopener">Stop' in html


@pytest.fixture
def campaigner(client):
    user = User.objects.create_user("campaigner", "team@campaign.example", "pw", is_staff=True)
    # The Campaigner group's rights on mail texts (campaigns.services.CAMPAIGNER_MODELS).
    user.user_permissions.set(Permission.objects.filter(content_type__model="mailtext"))
    client.force_login(user)
    return client


def form_data(**changes: str) -> dict[str, str]:
    subject, body = texts.default_text(texts.KINDS[CONFIRM], "en")
    return {"kind": CONFIRM, "language": "en", "subject": subject, "body": body, **changes}


def test_campaigner_saves_a_text(campaigner):
    response = campaigner.post(
        reverse("admin:outbox_mailtext_add"), form_data(subject="Confirm, please")
    )
    assert response.status_code == 302
    assert MailText.objects.get().subject == "Confirm, please"


def test_text_without_its_confirm_link_cannot_be_saved(campaigner):
    body = form_data()["body"].replace("{confirm_url}", "https://example.org/")
    response = campaigner.post(reverse("admin:outbox_mailtext_add"), form_data(body=body))
    assert response.status_code == 200
    assert "The text must contain {confirm_url}" in response.text
    assert not MailText.objects.exists()


def test_unknown_placeholder_is_refused(campaigner):
    body = form_data()["body"] + "\n\n{confirmurl} {}"
    response = campaigner.post(reverse("admin:outbox_mailtext_add"), form_data(body=body))
    assert "Unknown placeholders: {}, {confirmurl}" in response.text
    assert not MailText.objects.exists()


def test_preview_renders_sample_values_and_saves_nothing(campaigner):
    body = "# Hi\n\n[Confirm]({confirm_url}) or [delete]({delete_url}) <script>x</script>"
    response = campaigner.post(
        reverse("admin:outbox_mailtext_add"), form_data(body=body, _preview="1")
    )
    assert response.status_code == 200
    assert not MailText.objects.exists()
    page = response.text
    assert 'id="mail-preview"' in page
    assert f'<a href="{settings.SITE_URL}/confirm/EXAMPLE/"' in page
    assert "<h1>Hi</h1>" in page
    assert "<script>x</script>" not in page
    # The form is still filled with what was typed.
    assert "# Hi" in page


def test_add_form_starts_from_the_shipped_text_of_the_language(campaigner):
    response = campaigner.get(reverse("admin:outbox_mailtext_add") + f"?kind={CONFIRM}&language=nl")
    dutch_subject = texts.default_text(texts.KINDS[CONFIRM], "nl")[0]
    assert f'value="{dutch_subject}"' in response.text
    assert "{confirm_url}" in response.text


def test_list_shows_every_mail_and_whether_it_has_own_text(campaigner):
    MailText.objects.create(kind=CONFIRM, language="en", subject="s", body="b")
    response = campaigner.get(reverse("admin:outbox_mailtext_changelist"))
    assert response.status_code == 200
    for kind in texts.KINDS.values():
        assert str(kind.label) in response.text
