"""Where the campaign's public key comes from: the setting, else the key file `make run`
writes in development, else a clear configuration error."""

import pytest
from django.conf import settings
from django.test import override_settings

from privacy import crypto


def test_without_the_setting_the_key_file_is_used(tmp_path):
    """With CAMPAIGN_PUBLIC_KEY unset, records are sealed to the key in
    CAMPAIGN_PUBLIC_KEY_FILE (as written by `manage.py campaign_keys`, with a newline), and the
    matching private key opens them."""
    public, private = crypto.generate_keypair()
    key_file = tmp_path / "campaign_public.key"
    key_file.write_text(public + "\n")
    with override_settings(CAMPAIGN_PUBLIC_KEY="", CAMPAIGN_PUBLIC_KEY_FILE=key_file):
        sealed = crypto.seal({"email": "anna@example.org"})
    assert crypto.unseal(sealed, private_key=private) == {"email": "anna@example.org"}


def test_the_setting_wins_over_the_key_file(tmp_path):
    """When both are there, the configured key is used and the file is not read."""
    other_public = crypto.generate_keypair()[0]
    key_file = tmp_path / "campaign_public.key"
    key_file.write_text(other_public)
    with override_settings(CAMPAIGN_PUBLIC_KEY_FILE=key_file):
        sealed = crypto.seal({"name": "Anna"})
    assert crypto.unseal(sealed, private_key=settings.TEST_CAMPAIGN_PRIVATE_KEY) == {"name": "Anna"}


@pytest.mark.parametrize("key_file", ["missing", None])
def test_no_key_at_all_is_a_configuration_error(tmp_path, key_file):
    """Without the setting and without the file (or with no file configured), sealing stops
    with KeyMissing, an ImproperlyConfigured error, and nothing is written unsealed."""
    path = tmp_path / "campaign_public.key" if key_file else None
    with (
        override_settings(CAMPAIGN_PUBLIC_KEY="", CAMPAIGN_PUBLIC_KEY_FILE=path),
        pytest.raises(crypto.KeyMissing),
    ):
        crypto.seal({"email": "anna@example.org"})
