"""`check --deploy` refuses a SITE_URL that is not https (it is the base of every mail link)."""

import pytest
from django.core.checks import run_checks

pytestmark = pytest.mark.django_db  # the deploy checks read the campaign too


@pytest.mark.parametrize(
    ("site_url", "refused"),
    [
        ("http://campaign.example", True),
        ("http://127.0.0.1:8000", True),
        ("https://", True),
        ("campaign.example", True),
        ("https://campaign.example", False),
    ],
)
def test_site_url_must_be_https(settings, site_url, refused):
    settings.SITE_URL = site_url
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert ("core.E001" in ids) is refused


def test_the_check_is_for_deploy_only(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert "core.E001" not in {message.id for message in run_checks()}
