import pytest

from campaigns.services import campaign_content_load


@pytest.fixture(autouse=True)
def _site_url(settings):
    """Absolute links (canonical, hreflang, share image) point at the test server's origin."""
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def content(db):
    """The shipped Stop Scanning Me content, as `manage.py load_campaign` loads it."""
    campaign_content_load()
