"""The translators' PO file: exported per language with the content and the interface,
imported back all or nothing."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from campaigns.models import CampaignTranslation, Reason, ReasonTranslation
from campaigns.po import ImportRefused, export_po, import_po

pytestmark = pytest.mark.django_db


@pytest.fixture
def locale(settings, tmp_path):
    """A copy of the interface catalogues: imports write there, not into the repository."""
    source = Path(django_settings.BASE_DIR) / "locale" / "nl"
    shutil.copytree(source, tmp_path / "nl")
    settings.LOCALE_PATHS = [tmp_path]
    return tmp_path


def exported(language: str) -> polib.POFile:
    return polib.pofile(export_po(language))


def test_the_export_holds_content_with_its_source_and_the_interface(source_content, locale):
    po = exported("de")
    assert po.metadata["Language"] == "de"
    title = po.find("campaign.title", by="msgctxt")
    nl = CampaignTranslation.objects.get(language="nl")
    en = CampaignTranslation.objects.get(language="en")
    assert title.msgid == nl.title and title.msgstr == ""
    body = po.find("reason.1.body", by="msgctxt")
    assert (
        body.comment
        == f"English: {Reason.objects.get(order=1).translations.get(language='en').body}"
    )
    assert po.find("Skip to content") is not None
    assert len([e for e in po if e.msgctxt and "." in e.msgctxt]) == 54
    assert exported("en").find("campaign.tagline", by="msgctxt").msgstr == en.tagline


def test_a_translated_file_fills_content_unreviewed_and_the_interface(source_content, locale):
    po = exported("de")
    for entry in po:
        if entry.msgctxt == "reason.1.title":
            entry.msgstr = "Privatsphäre ist ein Menschenrecht"
        if entry.msgid == "Skip to content":
            entry.msgstr = "Zum Inhalt springen"
    report = import_po(str(po))
    assert (report.content, report.interface) == (0, 1)
    # reason.1 has no German row and the file has only its title: left to the fallback.
    assert report.skipped == ["reason.1"]
    assert not ReasonTranslation.objects.filter(language="de").exists()
    written = polib.pofile(str(locale / "de" / "LC_MESSAGES" / "django.po"))
    assert written.find("Skip to content").msgstr == "Zum Inhalt springen"
    assert (locale / "de" / "LC_MESSAGES" / "django.mo").exists()

    for entry in po:
        if entry.msgctxt == "reason.1.body":
            entry.msgstr = "Alle verdienen Vertraulichkeit."
    report = import_po(str(po))
    row = ReasonTranslation.objects.get(language="de", parent__order=1)
    assert (row.title, row.body, row.reviewed) == (
        "Privatsphäre ist ein Menschenrecht",
        "Alle verdienen Vertraulichkeit.",
        False,
    )
    assert row.outdated_fields(row.parent.translations.get(language="nl")) == []


def test_an_existing_row_takes_a_single_field(source_content, locale):
    row = ReasonTranslation.objects.get(language="en", parent__order=2)
    row.reviewed = True
    row.save()
    po = exported("en")
    po.find("reason.2.title", by="msgctxt").msgstr = "A new English title"
    import_po(str(po))
    row.refresh_from_db()
    assert row.title == "A new English title" and not row.reviewed


@pytest.mark.parametrize(
    ("key", "text", "problem"),
    [
        ("campaign.title", "<script>alert(1)</script>", "script"),
        ("campaign.intro", '<a href="javascript:alert(1)">x</a>', "script"),
        ("campaign.intro", '<img src=x onerror="alert(1)">', "script"),
        ("campaign.title", "x" * 201, "at most 200"),
    ],
)
def test_a_bad_entry_refuses_the_whole_file(source_content, locale, key, text, problem):
    po = exported("de")
    po.find("campaign.tagline", by="msgctxt").msgstr = "Ein guter Slogan"
    po.find(key, by="msgctxt").msgstr = text
    with pytest.raises(ImportRefused) as refused:
        import_po(str(po))
    assert any(problem in p and key in p for p in refused.value.problems), refused.value.problems
    assert not CampaignTranslation.objects.filter(language="de").exists()


def test_an_interface_string_that_loses_its_placeholder_is_refused(source_content, locale):
    po = exported("de")
    entry = next(e for e in po if "%(" in e.msgid and not e.msgid_plural)
    entry.msgstr = "Ohne Platzhalter"
    with pytest.raises(ImportRefused) as refused:
        import_po(str(po))
    assert any("placeholders" in p for p in refused.value.problems)
    assert not (locale / "de").exists()


@pytest.mark.parametrize(
    "data",
    ["", "not a po file", 'msgid ""\nmsgstr "Language: xx\\n"\n', "/etc/passwd"],
)
def test_files_that_are_not_for_a_site_language_are_refused(data, db):
    with pytest.raises(ImportRefused):
        import_po(data)


def test_the_commands_export_and_import(source_content, locale, tmp_path, capsys):
    out = tmp_path / "de.po"
    call_command("translations_export", "de", "-o", str(out))
    po = polib.pofile(str(out))
    po.find("campaign.title", by="msgctxt").msgstr = "<script>"
    po.save(str(out))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("translations_import", str(out))
    with pytest.raises(CommandError):
        call_command("translations_export", "xx")
