"""The interface is translated: one smoke test per language."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db


def test_dutch_interface_strings_are_translated(client, db):
    """In Dutch, the UI's own strings come from the Dutch catalogue."""
    with translation.override("nl"):
        assert gettext("Why should I care?") == "Waarom zou ik me zorgen maken?"
        assert gettext("Skip to content") == "Naar de inhoud"
    html = client.get("/nl/legal.html").content.decode()
    assert "Naar de inhoud" in html and "Privacyverklaring" in html


def test_english_interface_strings_are_english(client, db):
    """In English, the UI shows the English strings."""
    with translation.override("en"):
        assert gettext("Why should I care?") == "Why should I care?"
    html = client.get("/en/legal.html").content.decode()
    assert "Skip to content" in html and "Privacy policy" in html
