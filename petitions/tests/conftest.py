import re

import pytest

from petitions.tests.factories import CampaignTranslationFactory

LINK = re.compile(r"https?://[^\s\"<>]+")


@pytest.fixture
def petition(db):
    """The campaign with its Dutch texts (the seed language) and an English translation."""
    nl = CampaignTranslationFactory()
    CampaignTranslationFactory(
        parent=nl.parent,
        language="en",
        title="Stop scanning me!",
        petition_title="Stop the scanning of private messages",
        petition_text="We ask the European Parliament to drop mandatory scanning.",
        petition_addressees="Members of the European Parliament",
        consent_text="Yes, keep me informed about this campaign.",
        consent_version=2,
    )
    return nl.parent


def form_token(client, url: str) -> str:
    """Load the page as a browser would and take the form token it carries."""
    page = client.get(url).content.decode()
    match = re.search(r'name="form_token" value="([^"]+)"', page)
    assert match, "the page has no form token"
    return match.group(1)


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]
