"""Organisations apply to join the coalition, confirm, and are approved in the admin."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from coalition import services
from coalition.models import Organisation
from coalition.selectors import ngo_count
from coalition.tests.factories import OrganisationFactory, image_upload
from core.tests.support import links_in, path_of

pytestmark = pytest.mark.django_db

CONTACT_EMAIL = "Press.Officer@rights.example.org"
CONTACT_NAME = "Marijke van Dalen"


def application(**overrides):
    data = {
        "name": "Stichting Vrij Internet",
        "website": "https://vrij.example.org",
        "country": "NL",
        "contact_email": CONTACT_EMAIL,
        "contact_name": CONTACT_NAME,
        "statement": "Privacy is a right.",
        "logo": image_upload(),
    }
    data.update(overrides)
    return data


def test_apply_form_can_carry_the_logo(client):
    """The application form sends files (the logo) and asks for the image types accepted."""
    page = client.get("/nl/coalition/join/").content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'accept="image/png,image/jpeg,image/webp"' in page


def test_apply_confirm_approve(client, form_post, outbox):
    """Apply with a real PNG -> confirmation mail -> GET confirm changes nothing -> POST
    confirms -> a superuser approves in the admin -> the organisation counts as approved."""
    response = form_post("/nl/coalition/join/", application())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/nl/coalition/join/check-your-inbox/"
    assert not response.cookies
    assert client.get(response["Location"]).status_code == 200

    organisation = Organisation.objects.get()
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.language == "nl"
    assert organisation.country == "NL"
    assert organisation.email_confirmed_at is None
    assert organisation.logo.name.endswith(".png")
    with organisation.logo.open("rb") as stored:
        assert Image.open(stored).format == "PNG"
    sealed = bytes(organisation.contact_sealed)
    assert CONTACT_EMAIL.encode() not in sealed

    # The sealed contact opens with the campaign's private key (offline, in real life).
    from privacy.crypto import unseal

    contact = unseal(sealed, private_key=settings.TEST_CAMPAIGN_PRIVATE_KEY)
    assert contact == {"email": CONTACT_EMAIL, "name": CONTACT_NAME}

    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == [CONTACT_EMAIL]
    assert message.extra_headers["Content-Language"] == "nl"
    assert "coalitie" in message.subject.lower()
    (confirm_url,) = links_in(message)
    assert "/nl/coalition/join/confirm/" in confirm_url

    page = client.get(path_of(confirm_url))
    assert page.status_code == 200
    assert "Stichting Vrij Internet" in page.content.decode()
    organisation.refresh_from_db()
    assert organisation.email_confirmed_at is None

    done = form_post(path_of(confirm_url))
    assert done.status_code == 302
    assert client.get(done["Location"]).status_code == 200
    organisation.refresh_from_db()
    assert organisation.email_confirmed_at is not None
    assert list(Organisation.objects.awaiting_review()) == [organisation]
    assert not Organisation.objects.approved().exists()
    # The link works once.
    assert form_post(path_of(confirm_url)).status_code == 404

    assert ngo_count(elsewhere=0) == 0
    admin_user = get_user_model().objects.create_superuser("campaigner", password="pw-12345")
    client.force_login(admin_user)
    listing = client.get("/admin/coalition/organisation/")
    assert listing.status_code == 200
    assert CONTACT_EMAIL not in listing.content.decode()
    approved = client.post(
        "/admin/coalition/organisation/",
        {"action": "approve", "_selected_action": [organisation.pk]},
    )
    assert approved.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPROVED
    assert organisation.reviewed_at is not None
    assert list(Organisation.objects.approved()) == [organisation]
    assert ngo_count(elsewhere=0) == 1  # N on the home page grows
    change = client.get(f"/admin/coalition/organisation/{organisation.pk}/change/")
    assert change.status_code == 200
    assert CONTACT_EMAIL not in change.content.decode()
    assert CONTACT_NAME not in change.content.decode()


def test_admin_reject_and_awaiting_review_first(client):
    """The admin list shows applications awaiting review first; reject sets the status."""
    approved = OrganisationFactory(name="AAA approved")
    waiting = OrganisationFactory(
        name="ZZZ waiting", status=Organisation.Status.PENDING, email_confirmed_at=timezone.now()
    )
    admin_user = get_user_model().objects.create_superuser("campaigner", password="pw-12345")
    client.force_login(admin_user)
    listing = client.get("/admin/coalition/organisation/").content.decode()
    assert listing.index("ZZZ waiting") < listing.index("AAA approved")
    client.post(
        "/admin/coalition/organisation/", {"action": "reject", "_selected_action": [waiting.pk]}
    )
    waiting.refresh_from_db()
    assert waiting.status == Organisation.Status.REJECTED
    assert waiting.reviewed_at is not None
    assert list(Organisation.objects.approved()) == [approved]


def test_campaigner_adds_an_organisation_in_the_admin(client):
    """Campaigners add organisations directly, with a checked logo."""
    admin_user = get_user_model().objects.create_superuser("campaigner", password="pw-12345")
    client.force_login(admin_user)
    response = client.post(
        "/admin/coalition/organisation/add/",
        {
            "name": "Bits of Freedom Test",
            "country": "NL",
            "website": "https://bits.example.org",
            "logo": image_upload(name="bits.webp", image_format="WEBP"),
            "statement": "",
            "order": "3",
            "status": "approved",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = Organisation.objects.get()
    assert organisation.reviewed_at is not None
    assert organisation.logo.name.endswith(".webp")
    assert list(Organisation.objects.approved()) == [organisation]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("logo.png", b"just some text, not an image\n" * 10, "image/png"),
            "geen geldige",
        ),
        (image_upload(name="logo.png", size=(5000, 40)), "te groot"),
        (image_upload(name="logo.png", image_format="JPEG"), "geen geldige"),
        (image_upload(name="logo.gif", image_format="GIF"), "PNG, JPEG of WebP"),
        (SimpleUploadedFile("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "WebP"),
        (SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64), "geen geldige"),
        (SimpleUploadedFile("logo.png", b"\x89PNG" + b"x" * (1024 * 1024 + 10)), "te groot"),
    ],
    ids=["text-as-png", "huge-dimensions", "jpeg-named-png", "gif", "svg", "truncated", "over-1mb"],
)
def test_bad_logo_is_refused(form_post, outbox, upload, message):
    """A file that is not really a PNG/JPEG/WebP of that name, too large in bytes or in
    pixels gets a clear error next to the field; nothing is stored, no mail sent."""
    upload.seek(0)  # the parameters live as long as the module: a second session re-reads them
    response = form_post("/nl/coalition/join/", application(logo=upload))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'class="field__error"' in response.content.decode()
    assert not Organisation.objects.exists()
    assert not outbox


def test_decompression_bomb_is_refused(form_post):
    """A tiny file that decodes to an enormous image is refused, not decoded."""
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, format="PNG")
    assert len(out.getvalue()) < 1024 * 1024
    upload = SimpleUploadedFile("bomb.png", out.getvalue(), "image/png")
    response = form_post("/nl/coalition/join/", application(logo=upload))
    assert response.status_code == 400
    assert not Organisation.objects.exists()


def test_logo_is_reencoded_without_metadata(form_post):
    """The stored logo is a fresh encoding: trailing data and metadata are gone, and it is
    shrunk to the stored size."""
    out = io.BytesIO()
    Image.new("RGBA", (1600, 400), (0, 0, 0, 0)).save(out, format="PNG")
    payload = out.getvalue() + b"<script>alert(1)</script>"
    upload = SimpleUploadedFile("logo.png", payload, "image/png")
    assert form_post("/nl/coalition/join/", application(logo=upload)).status_code == 302
    organisation = Organisation.objects.get()
    with organisation.logo.open("rb") as stored:
        data = stored.read()
    assert b"<script>" not in data
    image = Image.open(io.BytesIO(data))
    assert image.size == (800, 200)
    assert image.mode == "RGBA"


def test_missing_fields_keep_what_was_typed(form_post):
    """Errors are shown next to their fields and the typed values are kept."""
    response = form_post(
        "/nl/coalition/join/",
        application(website="not a url at all", country="XX", logo=""),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Stichting Vrij Internet" in body
    assert body.count('class="field__error"') >= 3
    assert not Organisation.objects.exists()


def test_expired_confirmation(client, form_post, outbox):
    """An expired link says so (410) and confirms nothing."""
    form_post("/nl/coalition/join/", application())
    Organisation.objects.update(confirmation_expires_at=timezone.now() - dt.timedelta(seconds=1))
    (confirm_url,) = links_in(outbox[0])
    page = client.get(path_of(confirm_url))
    assert page.status_code == 410
    assert "<h1>Deze link is verlopen</h1>" in page.content.decode()
    assert form_post(path_of(confirm_url)).status_code == 410
    assert Organisation.objects.get().email_confirmed_at is None


def test_purge_unconfirmed_applications(form_post, outbox):
    """Applications unconfirmed after the retention days are deleted with their logo;
    confirmed ones and organisations added by campaigners stay."""
    old = timezone.now() - dt.timedelta(days=settings.UNCONFIRMED_RETENTION_DAYS, hours=1)
    form_post("/nl/coalition/join/", application(name="Stale"))
    form_post("/nl/coalition/join/", application(name="Fresh"))
    added = OrganisationFactory(status=Organisation.Status.PENDING)
    confirmed = OrganisationFactory(
        status=Organisation.Status.PENDING, email_confirmed_at=timezone.now()
    )
    stale = Organisation.objects.get(name="Stale")
    logo_name = stale.logo.name
    Organisation.objects.filter(pk__in=[stale.pk, added.pk, confirmed.pk]).update(created_at=old)
    assert services.organisations_purge_unconfirmed() == 1
    assert set(Organisation.objects.values_list("name", flat=True)) == {
        "Fresh",
        added.name,
        confirmed.name,
    }
    assert not stale.logo.storage.exists(logo_name)
