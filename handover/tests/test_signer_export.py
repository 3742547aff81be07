"""The signer export from the admin: the sealed records of `manage.py export signatures`,
filtered by country and contact consent, streamed when small, written by the worker with
its progress shown when big, and deleted once downloaded or expired."""

import datetime as dt
import io
import json
import stat

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from campaigns.services import CAMPAIGNER_GROUP
from handover import services
from handover.models import SignerExport
from handover.tests.support import SIGNERS, sign
from petitions.models import Signature

pytestmark = pytest.mark.django_db

PAGE = "/admin/handover/signerexport/"
SIGNERS_URL = PAGE + "signers/"
URLS = [PAGE, PAGE + "pack/", SIGNERS_URL, SIGNERS_URL + "1/download/"]


def command_export(**filters) -> str:
    out = io.StringIO()
    call_command("export", "signatures", stdout=out, stderr=io.StringIO(), **filters)
    return out.getvalue()


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, petition):
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_staff_without_the_permission_are_refused(client, staff_without_permission):
    for url in URLS:
        assert client.get(url).status_code == 403
        assert client.post(url, {"format": "pdf", "language": "en"}).status_code == 403
    assert "/admin/handover/" not in client.get("/admin/").content.decode()


def test_campaigners_find_the_page_from_the_admin_index(client, campaigner):
    index = client.get("/admin/").content.decode()
    assert f'href="{PAGE}"' in index
    assert "Hand the petition over" in index
    page = client.get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Delivery pack" in html and "Signer export" in html
    assert "decrypt_export.py --key-file campaign.key" in html
    assert 'http-equiv="refresh"' not in html  # nothing being written


def test_small_export_streams_the_command_s_lines_filtered(client, campaigner):
    """Streamed at once, with each filter: the very lines `manage.py export signatures`
    writes with the same filters, still sealed."""
    sign()
    Signature.objects.filter(country="BG").update(confirmed_at=None)
    cases = [
        ({"confirmed_only": "on"}, {"confirmed_only": True}, 4),
        ({"confirmed_only": "on", "country": "GR"}, {"confirmed_only": True, "country": "GR"}, 1),
        ({"consent": "yes"}, {"consent": "yes"}, 3),
        ({"consent": "no", "confirmed_only": "on"}, {"consent": "no", "confirmed_only": True}, 2),
    ]
    for form, filters, expected in cases:
        response = client.post(SIGNERS_URL, form)
        assert response.status_code == 200
        assert response.streaming
        assert response["Content-Type"] == "application/jsonl; charset=utf-8"
        assert response["Content-Disposition"].startswith('attachment; filename="signatures-')
        text = body(response)
        assert text == command_export(**filters)
        lines = [json.loads(line) for line in text.splitlines()]
        assert len(lines) == expected
        assert all(line["kind"] == "signature" and line["sealed"] for line in lines)
        for first, last, email, *_rest in SIGNERS:
            assert first not in text and last not in text and email not in text
    assert SignerExport.objects.count() == 0  # nothing written to disk


def test_an_unknown_country_is_refused(client, campaigner):
    response = client.post(SIGNERS_URL, {"country": "XX"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


@override_settings(HANDOVER_STREAM_MAX=2)
def test_big_export_is_written_by_the_worker_then_downloaded_once(client, campaigner, export_dir):
    """Past the streaming limit the worker writes a private file (tasks run at once in the
    tests); the page offers it, the download is the command's output, and the file is gone
    after it."""
    sign()
    response = client.post(SIGNERS_URL, {"confirmed_only": "on", "consent": "yes"})
    export = SignerExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#export-{export.pk}"
    assert export.requested_by == campaigner
    assert (export.state, export.total, export.done) == ("done", 3, 3)
    path = export_dir / export.file_name
    assert path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert settings.MEDIA_ROOT not in path.parents
    page = client.get(PAGE).content.decode()
    download = f"{SIGNERS_URL}{export.pk}/download/"
    assert f'href="{download}"' in page
    response = client.get(download)
    assert response.status_code == 200
    assert body(response) == command_export(confirmed_only=True, consent="yes")
    assert not path.exists()
    export.refresh_from_db()
    assert export.state == "downloaded" and export.file_name == ""
    assert client.get(download).status_code == 404
    assert f'href="{download}"' not in client.get(PAGE).content.decode()


@override_settings(
    HANDOVER_STREAM_MAX=2,
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
)
def test_the_page_shows_the_progress_while_the_worker_writes(client, campaigner, export_dir):
    """Queued, the export shows 0 of its total and the page refreshes itself (no script);
    halfway, how many are written; when the worker is done, the link."""
    sign()
    client.post(SIGNERS_URL, {"confirmed_only": "on"})
    export = SignerExport.objects.get()
    page = client.get(PAGE).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page
    assert '<progress max="5" value="0"' in page and "0 of 5" in page
    SignerExport.objects.filter(pk=export.pk).update(state="running", done=3)
    page = client.get(PAGE).content.decode()
    assert '<progress max="5" value="3"' in page and "3 of 5" in page
    SignerExport.objects.filter(pk=export.pk).update(state="queued", done=0)
    assert services.signer_export_write(export_id=export.pk, progress_every=2) == 5
    page = client.get(PAGE).content.decode()
    assert "http-equiv" not in page
    assert f"{SIGNERS_URL}{export.pk}/download/" in page
    # A second run of the same task (a retry) writes nothing more.
    assert services.signer_export_write(export_id=export.pk) == 0


def test_files_not_downloaded_expire(export_dir, settings):
    """The hourly job deletes files older than HANDOVER_EXPORT_DAYS and gives up exports a
    stopped worker left unfinished as long; a fresh file stays."""
    services.export_dir()
    old, fresh = export_dir / "signers-1-a.jsonl", export_dir / "signers-2-b.jsonl"
    old.write_text("{}\n")
    fresh.write_text("{}\n")
    (export_dir / "signers-3-c.part").write_text("{")
    long_ago = timezone.now() - dt.timedelta(days=settings.HANDOVER_EXPORT_DAYS, hours=1)
    SignerExport.objects.create(pk=1, state="done", file_name=old.name, finished_at=long_ago)
    SignerExport.objects.create(
        pk=2, state="done", file_name=fresh.name, finished_at=timezone.now()
    )
    stuck = SignerExport.objects.create(pk=3, state="running")
    SignerExport.objects.filter(pk=3).update(created_at=long_ago)
    assert services.signer_exports_expire() == 2
    assert not old.exists() and fresh.exists()
    assert not (export_dir / "signers-3-c.part").exists()
    states = dict(SignerExport.objects.values_list("pk", "state"))
    assert states == {1: "expired", 2: "done", stuck.pk: "failed"}


def test_migrate_gives_an_existing_campaigner_group_the_permission(db):
    """A Campaigner group made before the hand-over existed gets its permission with the
    next `migrate`, without anyone running create_campaigner again."""
    group = Group.objects.create(name=CAMPAIGNER_GROUP)
    call_command("migrate", verbosity=0)
    assert group.permissions.filter(codename="hand_over").exists()
    assert not Group.objects.exclude(pk=group.pk).exists()
