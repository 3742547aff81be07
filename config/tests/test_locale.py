"""The interface translations (locale/<lang>/LC_MESSAGES/django.po) are complete and safe:
every entry translated, none fuzzy, the same placeholders and HTML tags as the English
text, and as many plural forms as the language's header says."""

import polib
import pytest
from django.utils import translation

from core import catalogues, languages

# Languages whose .po file must exist: all of them. (A language listed in settings for the
# first time may be left out here until its file is written: it is then reported as skipped,
# by name, and checked as strictly as the others once the file is there.)
REQUIRED = languages.configured()


# Whether every language's file must hold every message of the source (Dutch) file. Switch it
# off only while the messages added since the last translation round are being translated: each
# language is then reported as skipped with the number it lacks (those read in English).
EVERY_MESSAGE_REQUIRED = True


def po_file(language: str) -> polib.POFile:
    path = catalogues.po_path(language)
    if not path.exists():
        if language in REQUIRED:
            pytest.fail(f"{language}: {path} is missing")
        pytest.skip(f"{language} ({languages.name(language)}): no {language}/.../django.po yet")
    return polib.pofile(str(path))


@pytest.mark.parametrize("language", languages.configured())
def test_the_po_file_is_complete_and_keeps_every_placeholder(language):
    po = po_file(language)
    assert po.metadata.get("Language") == language
    assert catalogues.po_problems(po, language=language) == []


@pytest.mark.parametrize("language", languages.configured())
def test_a_known_string_is_translated(language):
    """The compiled catalogue is used: "Skip to content" reads as the .po file says."""
    po = po_file(language)
    entry = po.find("Skip to content")
    assert entry is not None
    expected = entry.msgstr or (entry.msgid if language == catalogues.MSGID_LANGUAGE else None)
    assert expected
    if language != catalogues.MSGID_LANGUAGE:
        assert expected != entry.msgid
    with translation.override(language):
        assert translation.gettext("Skip to content") == expected


def test_a_wrong_placeholder_a_fuzzy_entry_and_a_missing_plural_form_are_found():
    po = polib.POFile()
    po.metadata = {"Plural-Forms": "nplurals=3; plural=(n==1 ? 0 : n<5 ? 1 : 2);"}
    po.append(polib.POEntry(msgid="Hello %(name)s", msgstr="Hallo %(naam)s"))
    po.append(polib.POEntry(msgid="<strong>Yes</strong>", msgstr="Ja"))
    po.append(polib.POEntry(msgid="Sign", msgstr="Teken", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Empty", msgstr=""))
    po.append(
        polib.POEntry(
            msgid="%(counter)s NGO",
            msgid_plural="%(counter)s NGOs",
            msgstr_plural={0: "%(counter)s ngo", 1: "%(counter)s ngo's"},
        )
    )
    po.append(polib.POEntry(msgid="Read", msgstr='<a onclick="x()">Lees</a>'))
    # The script entry breaks two rules: it adds a script and a tag.
    assert len(catalogues.po_problems(po, language="pl")) == 7


@pytest.mark.parametrize("language", languages.configured())
def test_every_message_is_in_every_language(language):
    source = {(e.msgctxt, e.msgid) for e in po_file(languages.source_language()) if not e.obsolete}
    present = {(e.msgctxt, e.msgid) for e in po_file(language) if not e.obsolete}
    missing = sorted(msgid for _context, msgid in source - present)
    if missing and not EVERY_MESSAGE_REQUIRED:
        pytest.skip(
            f"{language} ({languages.name(language)}): {len(missing)} messages to translate"
        )
    assert missing == []
