"""`check --deploy` refuses a campaign whose privacy contact is still the seed's placeholder."""

import pytest
from django.core.checks import run_checks

from campaigns.checks import is_placeholder
from campaigns.tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def _ids() -> set[str]:
    return {message.id for message in run_checks(include_deployment_checks=True)}


@pytest.mark.parametrize("email", ["privacy@example.org", "", "x@mail.example.com"])
def test_a_placeholder_privacy_contact_fails_the_deploy_check(email):
    CampaignFactory(contact_email=email)
    assert "campaigns.E001" in _ids()


def test_a_real_privacy_contact_passes():
    CampaignFactory(contact_email="privacy@stopscanningme.eu")
    assert "campaigns.E001" not in _ids()


def test_placeholder_domains():
    assert is_placeholder("privacy@example.org")
    assert is_placeholder("a@EXAMPLE.net")
    assert not is_placeholder("privacy@myexample.org")
    assert not is_placeholder("privacy@example.org.eu")
