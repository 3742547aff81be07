"""Fixtures shared by every app's tests. Helpers to import live in core/tests/support.py."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from hypothesis import settings as hypothesis_settings

from core.formguard import TOKEN_FIELD, issue_token
from outbox.tests.smtp import smtp_server  # noqa: F401 (a fixture for every app's mail tests)
from privacy import network, resilient_cache

# Generated examples have no time limit: on a busy machine one example can take longer than
# Hypothesis's 200 ms default without anything being wrong. Speed is measured in bench/.
hypothesis_settings.register_profile("project", deadline=None)
hypothesis_settings.load_profile("project")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits, cached pages, the day's pseudonym key (whose table each test rolls back)
    and a failed database or cache never leak from one test into the next."""
    cache.clear()
    network._day_keys.clear()
    resilient_cache.reset_for_tests()
    yield
    cache.clear()
    network._day_keys.clear()
    resilient_cache.reset_for_tests()


@pytest.fixture
def admin_client(admin_client):
    """The admin as the campaign's Dutch staff meet it: their browsers ask for Dutch (the
    admin follows Accept-Language, else English)."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    return admin_client


@pytest.fixture
def content(db):
    """The shipped Stop Scanning Me content, as `manage.py load_campaign` loads it."""
    from campaigns.services import campaign_content_load

    campaign_content_load()


@pytest.fixture
def source_content(db, tmp_path):
    """The shipped content in Dutch (the source) and English only, without the translation
    files: for tests of translating it."""
    from campaigns.services import campaign_content_load

    campaign_content_load(translations_dir=tmp_path / "none")


PETITION_NL = {
    "title": "Stop scanning me!",
    "petition_title": "Stop het scannen van privéberichten",
    "petition_text": "Wij vragen het Europees Parlement de scanplicht te schrappen.",
    "petition_addressees": "Leden van het Europees Parlement",
    "consent_text": "Ja, houd mij op de hoogte van deze campagne.",
    "consent_version": 3,
}
PETITION_EN = {
    "title": "Stop scanning me!",
    "petition_title": "Stop the scanning of private messages",
    "petition_text": "We ask the European Parliament to drop mandatory scanning.",
    "petition_addressees": "Members of the European Parliament",
    "consent_text": "Yes, keep me informed about this campaign.",
    "consent_version": 2,
}


@pytest.fixture
def petition(db):
    """The campaign (goal 1,000) with its Dutch texts (the seed language) and English ones."""
    from campaigns.tests.factories import CampaignTranslationFactory

    nl = CampaignTranslationFactory(parent__goal=1000, language="nl", **PETITION_NL)
    CampaignTranslationFactory(parent=nl.parent, language="en", **PETITION_EN)
    return nl.parent


# The form each public URL takes (by its path's end): its token is issued for that form.
FORM_SCOPES = [
    ("/sign/resend/", "ResendForm"),
    ("/sign/", "SignForm"),
    ("/newsletter/", "SubscribeForm"),
    ("/coalition/join/", "ApplyForm"),
]


def token_for(url: str) -> str:
    """A fresh form token for the form at `url` (a mailed link's button: ConfirmForm)."""
    path = url.split("?", 1)[0]
    scope = next((name for end, name in FORM_SCOPES if path.endswith(end)), "ConfirmForm")
    return issue_token(scope)


class BrowserClient(Client):
    """A browser on our own pages: its POSTs say they are same-origin (Sec-Fetch-Site), as
    every current browser's do, unless the test sends that header itself."""

    def generic(self, method, path, *args, headers=None, **extra):
        if method.upper() == "POST":
            headers = {"Sec-Fetch-Site": "same-origin", **(headers or {})}
        return super().generic(method, path, *args, headers=headers, **extra)


@pytest.fixture
def client():
    return BrowserClient()


@pytest.fixture
def form_post(client):
    """POST a public form as our own page would: with a fresh form token for its form."""

    def post(url, data=None, **extra):
        return client.post(url, {TOKEN_FIELD: token_for(url), **(data or {})}, **extra)

    return post


@pytest.fixture
def outbox():
    """The mails sent during the test (Django's locmem backend)."""
    mail.outbox.clear()
    return mail.outbox
