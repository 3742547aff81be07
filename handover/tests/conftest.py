"""Fixtures of the hand-over's tests: a campaigner and a staff member without the
permission, each signed in, and a private export directory of the test's own."""

import pytest
from django.contrib.auth.models import User

from campaigns.services import campaigner_create


@pytest.fixture
def campaigner(client, petition):
    user = campaigner_create(username="eva", email="eva@example.org", password="x-pass-4-eva")
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return user


@pytest.fixture
def staff_without_permission(client, petition):
    user = User.objects.create_user(username="sam", password="x-pass-4-sam", is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def export_dir(settings, tmp_path):
    settings.HANDOVER_EXPORT_DIR = tmp_path / "exports"
    return settings.HANDOVER_EXPORT_DIR
