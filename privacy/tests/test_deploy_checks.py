"""`check --deploy` refuses a production without the keys personal data depends on."""

import base64

import pytest
from django.core.checks import run_checks

from privacy.crypto import generate_keypair

pytestmark = pytest.mark.django_db  # the deploy checks read the campaign too


def _ids(**kwargs) -> set[str]:
    return {message.id for message in run_checks(include_deployment_checks=True)}


def test_a_missing_campaign_public_key_fails_the_deploy_check(settings, tmp_path):
    settings.CAMPAIGN_PUBLIC_KEY = None
    settings.CAMPAIGN_PUBLIC_KEY_FILE = tmp_path / "none.key"
    assert "privacy.E001" in _ids()
    settings.CAMPAIGN_PUBLIC_KEY = "not a key"
    assert "privacy.E002" in _ids()
    settings.CAMPAIGN_PUBLIC_KEY = base64.b64encode(b"x" * 31).decode()
    assert "privacy.E002" in _ids()
    settings.CAMPAIGN_PUBLIC_KEY = generate_keypair()[0]
    assert not {"privacy.E001", "privacy.E002"} & _ids()


def test_the_key_file_of_a_single_server_counts(settings, tmp_path):
    settings.CAMPAIGN_PUBLIC_KEY = None
    settings.CAMPAIGN_PUBLIC_KEY_FILE = tmp_path / "campaign_public.key"
    settings.CAMPAIGN_PUBLIC_KEY_FILE.write_text(generate_keypair()[0])
    assert "privacy.E001" not in _ids()


def test_short_or_empty_server_keys_fail_the_deploy_check(settings):
    assert "privacy.E003" not in _ids()
    for name in ("DEDUP_KEY", "OUTBOX_KEY", "MAILING_KEY", "RATE_LIMIT_KEY"):
        original = getattr(settings, name)
        setattr(settings, name, b"")
        assert "privacy.E003" in _ids(), name
        setattr(settings, name, b"k" * 31)
        assert "privacy.E003" in _ids(), name
        setattr(settings, name, original)
    assert "privacy.E003" not in _ids()
