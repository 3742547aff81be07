"""The interface translations (locale/<lang>/LC_MESSAGES/django.po) and the rules every
translated text must keep, for the .po files as for the campaign's content.

A translation keeps the placeholders (`%(name)s`, `%s`, `{name}`) and the HTML tags of its
source, adds no script (no <script>, no on…= attribute, no javascript: address), and has as
many plural forms as its language's header says.
"""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation import gettext as _

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*")
SCRIPT = re.compile(r"<\s*script|\bon[a-z]+\s*=|javascript\s*:", re.IGNORECASE)
# The message ids are English: its file may leave an entry empty (gettext shows the id).
MSGID_LANGUAGE = "en"


def po_path(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def marks(text: str) -> list[str]:
    """The placeholders and HTML tags in a text, which a translation must keep."""
    return sorted(PLACEHOLDER.findall(text) + TAG.findall(text))


def text_problems(source: str, translation: str) -> list[str]:
    """What is wrong with `translation` of `source` (nothing: an empty list)."""
    found = []
    if SCRIPT.search(translation) and not SCRIPT.search(source):
        found.append(_("contains a script or an event attribute"))
    if marks(translation) != marks(source):
        found.append(_("placeholders or HTML tags differ from the source"))
    return found


def nplurals(po: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def entry_problems(entry: polib.POEntry, *, plurals: int, empty_allowed: bool) -> list[str]:
    """What is wrong with one entry of a .po file."""
    found = []
    if "fuzzy" in entry.flags:
        found.append(_("marked fuzzy"))
    if not entry.msgid_plural:
        if entry.msgstr:
            found += text_problems(entry.msgid, entry.msgstr)
        elif not empty_allowed:
            found.append(_("not translated"))
        return found
    forms = entry.msgstr_plural
    if sorted(forms) != list(range(plurals)):
        found.append(
            _("%(found)s plural forms instead of %(expected)s")
            % {"found": len(forms), "expected": plurals}
        )
    for text in forms.values():
        if not text:
            if not empty_allowed:
                found.append(_("a plural form is not translated"))
            continue
        # The singular form may name the one thing without its number.
        if marks(text) not in (marks(entry.msgid_plural), marks(entry.msgid)):
            found.append(_("placeholders or HTML tags differ from the source"))
        elif SCRIPT.search(text) and not SCRIPT.search(entry.msgid_plural):
            found.append(_("contains a script or an event attribute"))
    return found


def po_problems(po: polib.POFile, *, language: str) -> list[str]:
    """Every problem of a language's .po file, each with the start of its message."""
    plurals = nplurals(po)
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        for problem in entry_problems(
            entry, plurals=plurals, empty_allowed=language == MSGID_LANGUAGE
        ):
            found.append(f"{entry.msgid[:60]!r}: {problem}")
    return found


def catalogue_counts(language: str) -> tuple[int, int] | None:
    """(messages, translated messages) of the language's .po file; None without one."""
    path = po_path(language)
    if not path.exists():
        return None
    po = polib.pofile(str(path))
    entries = [entry for entry in po if not entry.obsolete]
    if language == MSGID_LANGUAGE:
        return len(entries), len(entries)
    done = sum(
        1
        for entry in entries
        if "fuzzy" not in entry.flags
        and (all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr)
    )
    return len(entries), done
