"""The campaign team's admin: branded with the campaign, led by the daily tasks, and holding
only what campaigners work with."""

import io
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command

from campaigns.services import CAMPAIGNER_GROUP, campaigner_group_ensure

pytestmark = pytest.mark.django_db

TECHNICAL = [
    "/admin/outbox/outgoingmail/",
    "/admin/django_tasks_database/dbtaskresult/",
    "/admin/auth/group/",
    "/admin/auth/user/",
]


@pytest.fixture
def campaigner(client, content):
    out = io.StringIO()
    call_command("create_campaigner", "eva", "eva@example.org", stdout=out)
    password = re.search(r"only this once\): (\S+)", out.getvalue()).group(1)
    assert client.login(username="eva", password=password)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = (
        "nl"  # the campaign's Dutch staff (the admin follows the browser)
    )
    return User.objects.get(username="eva")


def test_campaigner_admin_is_branded_and_leads_with_the_daily_tasks(client, campaigner):
    page = client.get("/admin/").content.decode()
    assert '<div id="site-name"><a href="/admin/">Stop scanning me! · campagnebeheer' in page
    assert "Django administration" not in page
    assert page.index('id="daily-tasks"') < page.index('class="app-')  # before the model list
    for link in [
        "/admin/coalition/organisation/?status__exact=pending",
        "/admin/news/newsitem/add/",
        "/admin/newsletter/update/add/",
        "/admin/petitions/signaturetally/",
    ]:
        assert link in page


def test_technical_models_are_for_superusers_only(client, campaigner, admin_client):
    """Even given their permissions, a campaigner neither sees nor opens the technical
    models; a superuser does."""
    campaigner.user_permissions.set(Permission.objects.all())
    index = client.get("/admin/").content.decode()
    for path in TECHNICAL:
        assert path not in index
        assert client.get(path).status_code == 403, path
        assert admin_client.get(path).status_code == 200, path


def test_the_campaigner_group_covers_the_campaign_apps_and_mail_texts_only(db):
    group = campaigner_group_ensure()
    labels = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert {"campaigns", "news", "coalition", "newsletter", "petitions"} <= labels
    assert not labels & {"auth", "django_tasks_database", "core", "privacy"}
    # Of the outbox, only the campaign's own mail texts; never the queue.
    outbox = set(
        group.permissions.filter(content_type__app_label="outbox").values_list(
            "content_type__model", flat=True
        )
    )
    assert outbox == {"mailtext"}
    assert group.permissions.filter(codename="send_update").exists()
    assert campaigner_group_ensure() == group  # idempotent


def test_create_campaigner_refuses_a_taken_name(db):
    call_command("create_campaigner", "eva", "eva@example.org", stdout=io.StringIO())
    with pytest.raises(CommandError, match="taken"):
        call_command("create_campaigner", "eva", "other@example.org", stdout=io.StringIO())
    user = User.objects.get(username="eva")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [CAMPAIGNER_GROUP]
