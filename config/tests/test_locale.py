"""The interface translations (locale/<lang>/LC_MESSAGES/django.po) are complete and safe:
every entry translated, none fuzzy, the same placeholders and HTML tags as the English
text, and as many plural forms as the language's header says."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from core import languages

LOCALE = Path(settings.BASE_DIR) / "locale"
# Languages whose .po file must exist. The others are checked as strictly when their file is
# there, and reported as skipped (by name) until it is.
REQUIRED = ["nl", "en"]
# The message ids are English: its file may leave an entry empty (gettext shows the id).
MSGID_LANGUAGE = "en"

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*")


def po_file(language: str) -> polib.POFile:
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    if not path.exists():
        if language in REQUIRED:
            pytest.fail(f"{language}: {path} is missing")
        pytest.skip(f"{language} ({languages.name(language)}): no {path.relative_to(LOCALE)} yet")
    return polib.pofile(str(path))


def marks(text: str) -> list[str]:
    """The placeholders and HTML tags in a text, which a translation must keep."""
    return sorted(PLACEHOLDER.findall(text) + TAG.findall(text))


def problems(po: polib.POFile, *, empty_allowed: bool = False) -> list[str]:
    found = []
    nplurals = int(re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", "")).group(1))
    for entry in po:
        if entry.obsolete:
            continue
        where = repr(entry.msgid[:60])
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {where}")
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if sorted(forms) != list(range(nplurals)):
                found.append(f"{len(forms)} plural forms, not {nplurals}: {where}")
            for index, text in forms.items():
                if not text and not empty_allowed:
                    found.append(f"untranslated plural form {index}: {where}")
                # The singular form may name the one thing without its number.
                allowed = [marks(entry.msgid_plural), marks(entry.msgid)]
                if text and marks(text) not in allowed:
                    found.append(f"placeholders or tags differ in form {index}: {where}")
        else:
            if not entry.msgstr:
                if not empty_allowed:
                    found.append(f"untranslated: {where}")
            elif marks(entry.msgstr) != marks(entry.msgid):
                found.append(f"placeholders or tags differ: {where}")
    return found


@pytest.mark.parametrize("language", languages.configured())
def test_the_po_file_is_complete_and_keeps_every_placeholder(language):
    po = po_file(language)
    assert po.metadata.get("Language") == language
    assert problems(po, empty_allowed=language == MSGID_LANGUAGE) == []


@pytest.mark.parametrize("language", languages.configured())
def test_a_known_string_is_translated(language):
    """The compiled catalogue is used: "Skip to content" reads as the .po file says."""
    po = po_file(language)
    entry = po.find("Skip to content")
    assert entry is not None
    expected = entry.msgstr or (entry.msgid if language == MSGID_LANGUAGE else None)
    assert expected
    if language != MSGID_LANGUAGE:
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
    assert len(problems(po)) == 5
