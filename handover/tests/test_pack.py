"""The delivery pack: a PDF and a CSV with the petition's texts in the chosen language, the
addressees, the total and the confirmed signatures by country and language over a period,
optionally the endorsing organisations; never a person."""

import csv
import io
import shutil
import subprocess

import pytest

from campaigns.tests.factories import CampaignTranslationFactory
from coalition.tests.factories import OrganisationFactory
from handover.tests.pdftext import pdf_text
from handover.tests.support import SIGNERS, counts, sign
from privacy import crypto

pytestmark = pytest.mark.django_db

PACK = "/admin/handover/signerexport/pack/"
GREEK = {
    "title": "Σταματήστε τη σάρωση",
    "petition_title": "Σταματήστε τη σάρωση των ιδιωτικών μηνυμάτων",
    "petition_text": "Ζητάμε από το Ευρωπαϊκό Κοινοβούλιο να απορρίψει τη σάρωση.",  # noqa: RUF001
    "petition_addressees": "Μέλη του Ευρωπαϊκού Κοινοβουλίου",
}
GERMANY_EL, GREECE_EL = "Γερμανία", "Ελλάδα"


def pack(client, **fields):
    data = {"language": "en", "by_language": "on", "organisations": "on", "format": "pdf"}
    data.update(fields)
    return client.post(PACK, {k: v for k, v in data.items() if v is not None})


@pytest.fixture
def coalition(db):
    OrganisationFactory(
        name="Digitale Rechten NL",
        country="NL",
        contact_sealed=crypto.seal({"email": "contact@rechten.example", "name": "Piet Contact"}),
    )
    OrganisationFactory(name='=IMPORTXML("http://x")', country="DE")
    OrganisationFactory(name="Not approved yet", status="pending")


def test_pdf_holds_texts_numbers_and_no_person(client, campaigner, coalition):
    """The English PDF carries the petition's title, text and addressees, the total from the
    tallies, every country with its full name and count, the languages, the period and the
    approved organisations; no signer's or contact's name or address appears."""
    sign()
    counts()
    response = pack(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="delivery-pack-en-')
    text = pdf_text(response.content)
    for expected in [
        "Stop the scanning of private messages",
        "We ask the European Parliament to drop mandatory scanning.",
        "Members of the European Parliament",
        "Confirmed signatures by country",
        "Germany\n1,200\n96.8 %",
        "Netherlands\n34\n2.7 %",
        "Greece\n5\n0.4 %",
        "Total\n1,239\n100.0 %",
        "Confirmed signatures by language",
        "German\n1,150",
        "Dutch\n34",
        "Sept. 30, 2026 to Nov. 3, 2026",
        "Endorsing organisations",
        "Digitale Rechten NL\nNetherlands",
        '=IMPORTXML("http://x")\nGermany',
        "Page 1 of",
    ]:
        assert expected in text, expected
    assert "Not approved yet" not in text
    for first, last, email, *_rest in SIGNERS:
        assert first not in text and last not in text and email not in text
    assert "Piet Contact" not in text and "contact@rechten.example" not in text


def test_pdf_in_greek_and_rendered(client, campaigner, petition, tmp_path):
    """The Greek pack sets the Greek petition text and the country names in Greek (DejaVu
    writes every script); poppler, where installed, renders its page to an image."""
    CampaignTranslationFactory(parent=petition, language="el", **GREEK)
    counts()
    response = pack(client, language="el", organisations=None, by_language=None)
    text = pdf_text(response.content)
    flowing = " ".join(text.split())  # lines wrapped to the page's width
    assert GREEK["petition_title"] in flowing
    assert GREEK["petition_text"] in flowing
    assert GREEK["petition_addressees"] in flowing
    assert f"{GERMANY_EL}\n1.200" in text and f"{GREECE_EL}\n5" in text
    assert "Confirmed signatures by language" not in text
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        pytest.skip("poppler-utils (pdftoppm) is not installed: the PDF was not rendered")
    source = tmp_path / "pack.pdf"
    source.write_bytes(response.content)
    render = [pdftoppm, "-r", "50", "-png", str(source), str(tmp_path / "page")]
    subprocess.run(render, check=True)  # noqa: S603 (poppler on our own file)
    page = tmp_path / "page-1.png"
    from PIL import Image

    with Image.open(page) as image:
        assert image.size[1] > image.size[0]  # A4 portrait
        assert len(set(image.convert("L").getdata())) > 10  # ink, not a blank page


def test_period_counts_only_its_days(client, campaigner):
    """With a period, countries, languages and the total come from the days within it."""
    counts()
    text = pdf_text(pack(client, since="2026-10-01", until="2026-10-31").content)
    assert "Germany\n200" in text and "Netherlands\n34" in text
    assert "Greece" not in text
    assert "Total\n234" in text
    assert "Oct. 1, 2026 to Oct. 31, 2026" in text
    assert "English\n50" in text


def test_csv_holds_the_same_figures_with_safe_cells(client, campaigner, coalition):
    """The CSV has one fact per row; a cell that could start a formula gets a quote."""
    counts()
    response = pack(client, format="csv", since="2026-10-01")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "code", "name", "value"]
    assert ["petition", "addressees", "Members of the European Parliament", ""] in rows
    assert ["period", "from", "", "2026-10-01"] in rows
    assert ["period", "to", "", "2026-11-03"] in rows
    assert ["total", "", "", "239"] in rows
    assert ["country", "DE", "Germany", "200"] in rows
    assert ["language", "nl", "Dutch", "34"] in rows
    assert ["organisation", "DE", '\'=IMPORTXML("http://x")', "Germany"] in rows
    assert "Piet Contact" not in response.content.decode()


def test_a_period_that_ends_before_it_starts_is_refused(client, campaigner):
    response = pack(client, since="2026-10-31", until="2026-10-01")
    assert response.status_code == 400
    assert "The period must start before it ends." in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


def test_missing_fonts_say_so(client, campaigner, settings, tmp_path):
    """Without the DejaVu fonts the page says which files are missing and how to get them."""
    settings.HANDOVER_FONT_DIR = tmp_path
    response = pack(client)
    assert response.status_code == 503
    page = response.content.decode()
    assert "DejaVuSans.ttf" in page and "fonts-dejavu-core" in page
