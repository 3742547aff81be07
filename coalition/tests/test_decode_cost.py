"""What an application costs the server before it is refused: every POST counts against the
hourly limit first, the logo is decoded only when everything else is valid, large images are
refused from their header, and only a few decodes run at once."""

import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from coalition import logos
from coalition.models import Organisation
from coalition.tests.test_apply import application
from coalition.views import APPLICATIONS_PER_HOUR
from core import decoding
from core.formguard import TOKEN_FIELD

pytestmark = pytest.mark.django_db

URL = "/nl/coalition/join/"


def webp(side: int) -> SimpleUploadedFile:
    """A real WebP of side x side pixels, small on disk (one flat colour)."""
    out = io.BytesIO()
    Image.new("RGB", (side, side), (200, 30, 60)).save(out, format="WEBP")
    return SimpleUploadedFile("logo.webp", out.getvalue(), "image/webp")


@pytest.fixture
def decodes(monkeypatch):
    """How many times a logo was decoded (Image.load on the upload)."""
    calls = []
    real = logos._reencode

    def counting(**kwargs):
        calls.append(kwargs["image"].size)
        return real(**kwargs)

    monkeypatch.setattr(logos, "_reencode", counting)
    return calls


def test_a_4000_by_4000_webp_is_refused_from_its_header(form_post, decodes):
    """A 4000 x 4000 WebP of a few KB is within the side limit but over the pixel budget: it
    is refused with a clear error before it is decoded."""
    upload = webp(4000)
    assert upload.size < 100_000
    response = form_post(URL, application(logo=upload))
    assert response.status_code == 400
    assert "te veel pixels" in response.content.decode()
    assert decodes == []
    assert not Organisation.objects.exists()


def test_a_logo_within_the_budget_is_decoded_once(form_post, decodes):
    response = form_post(URL, application(logo=webp(2000)))
    assert response.status_code == 302
    assert decodes == [(2000, 2000)]


def test_no_decode_when_another_field_or_the_token_is_invalid(client, form_post, decodes):
    """A form that fails anyway (a missing name, a forged token) never decodes its logo."""
    assert form_post(URL, application(name="", logo=webp(1000))).status_code == 400
    data = {TOKEN_FIELD: "forged", **application(logo=webp(1000))}
    assert client.post(URL, data).status_code == 400
    assert decodes == []


def test_every_post_counts_before_validation(form_post):
    """Invalid posts use up the hourly allowance too: the next one, even a valid one, waits
    (429 with Retry-After) and nothing is stored."""
    for _ in range(APPLICATIONS_PER_HOUR):
        assert form_post(URL, application(name="")).status_code == 400
    response = form_post(URL, application())
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert not Organisation.objects.exists()


def test_a_busy_server_refuses_politely_and_stores_nothing(form_post, monkeypatch):
    """While every decode slot of the process is taken, a logo is refused with a translated
    "try again" error next to the field (400), not queued without end."""
    monkeypatch.setattr(decoding, "DECODE_WAIT_SECONDS", 0.05)
    for _ in range(decoding.DECODE_SLOTS):
        assert decoding._slots.acquire(timeout=1)
    try:
        response = form_post(URL, application(logo=webp(200)))
    finally:
        for _ in range(decoding.DECODE_SLOTS):
            decoding._slots.release()
    assert response.status_code == 400
    assert "Probeer het over een minuut" in response.content.decode()
    assert not Organisation.objects.exists()
    assert form_post(URL, application(logo=webp(200))).status_code == 302


def test_no_more_than_the_slots_decode_at_once(monkeypatch):
    """Many threads decoding at once: never more than DECODE_SLOTS inside at a time."""
    inside = []
    peak = []
    lock = threading.Lock()
    release = threading.Event()

    def work():
        with decoding.decode_slot():
            with lock:
                inside.append(1)
                peak.append(len(inside))
            release.wait(0.2)
            with lock:
                inside.pop()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert max(peak) == decoding.DECODE_SLOTS
    assert len(peak) == 6
