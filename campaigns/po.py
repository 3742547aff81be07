"""The translators' file: one PO file per language with the campaign's content and the
interface strings, made and read with polib.

Content entries carry the text's key as msgctxt (`reason.2.body`), the source-language text
as msgid and the English one in a comment beside it; an entry whose source changed since it
was translated is marked fuzzy. Interface entries are those of the language's .po file
(msgid English). Importing checks every entry first and writes nothing if any is wrong;
entries left empty or fuzzy are skipped, so a partial file fills only what it has.
Imported content is unreviewed; imported interface strings are written to the language's
.po file (and compiled), which the team then commits: a running server reads them after a
restart.
"""

import io
from dataclasses import dataclass, field

import polib
from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.texts import Text, content_texts
from core import catalogues, languages

CONTENT_FLAG = "campaign-content"


class ImportRefused(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class ImportReport:
    language: str
    content: int = 0
    interface: int = 0
    skipped: list[str] = field(default_factory=list)


def _ui_catalogue(language: str) -> polib.POFile:
    """The language's interface catalogue, or an empty one made from the source language's
    (same messages, nothing translated)."""
    path = catalogues.po_path(language)
    if path.exists():
        return polib.pofile(str(path))
    template = polib.pofile(str(catalogues.po_path(languages.source_language())))
    po = polib.POFile()
    po.metadata = {**template.metadata, "Language": language}
    for entry in template:
        if entry.obsolete:
            continue
        po.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgstr="",
                msgstr_plural={0: "", 1: ""} if entry.msgid_plural else {},
            )
        )
    return po


def export_po(language: str) -> str:
    """The PO file a translator fills in for `language`."""
    ui = _ui_catalogue(language)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "Stop Scanning Me",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": ui.metadata.get("Plural-Forms", "nplurals=2; plural=(n != 1);"),
    }
    for text in content_texts():
        english = text.text(languages.fallback_language())
        po.append(
            polib.POEntry(
                msgctxt=text.key,
                msgid=text.source,
                msgstr=text.text(language) if language != languages.source_language() else "",
                comment=f"English: {english}" if english else "",
                flags=[CONTENT_FLAG, *(["fuzzy"] if text.is_outdated(language) else [])],
            )
        )
    for entry in ui:
        if not entry.obsolete:
            po.append(entry)
    return str(po)


def _read(data: str) -> polib.POFile:
    # polib opens its argument as a path when one by that name exists: a leading newline
    # makes sure an uploaded text is only ever read as a PO file's content.
    try:
        return polib.pofile("\n" + data, encoding="utf-8")
    except (OSError, ValueError, UnicodeError) as error:
        message = _("The file is not a PO file: %(error)s") % {"error": error}
        raise ImportRefused([message]) from None


def _check_content(text: Text, translation: str) -> list[str]:
    problems = catalogues.text_problems(text.source, translation)
    limit = text.max_length()
    if limit is not None and len(translation) > limit:
        problems.append(
            _("%(length)s characters, at most %(limit)s fit")
            % {"length": len(translation), "limit": limit}
        )
    return problems


def import_po(data: str) -> ImportReport:
    """Check the whole file, then write what it translates; ImportRefused lists every
    problem and nothing is written."""
    po = _read(data)
    language = po.metadata.get("Language", "").strip()
    if not languages.is_configured(language):
        raise ImportRefused(
            [
                _("The file's Language header “%(language)s” is not a site language.")
                % {"language": language}
            ]
        )
    if language == languages.source_language():
        raise ImportRefused([_("The source language is edited in the admin, not imported.")])
    texts = {text.key: text for text in content_texts()}
    ui = _ui_catalogue(language)
    ui_entries = {(entry.msgctxt, entry.msgid): entry for entry in ui if not entry.obsolete}
    plurals = catalogues.nplurals(ui)
    problems: list[str] = []
    content: list[tuple[Text, str]] = []
    interface: list[tuple[polib.POEntry, polib.POEntry]] = []
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        where = entry.msgctxt or entry.msgid[:60]
        if entry.msgctxt in texts and not entry.msgid_plural:
            if not entry.msgstr:
                continue
            text = texts[entry.msgctxt]
            problems += [f"{where}: {p}" for p in _check_content(text, entry.msgstr)]
            content.append((text, entry.msgstr))
            continue
        target = ui_entries.get((entry.msgctxt, entry.msgid))
        if target is None:
            problems.append(f"{where!r}: " + _("not a text of this site"))
            continue
        if not (entry.msgstr or any(entry.msgstr_plural.values())):
            continue
        found = catalogues.entry_problems(
            entry, plurals=plurals, empty_allowed=language == catalogues.MSGID_LANGUAGE
        )
        problems += [f"{where!r}: {p}" for p in found]
        interface.append((target, entry))
    if problems:
        raise ImportRefused(problems)
    report = ImportReport(language=language)
    _write_content(content, language=language, report=report)
    if interface:
        for target, entry in interface:
            target.msgstr = entry.msgstr
            target.msgstr_plural = dict(entry.msgstr_plural)
            if "fuzzy" in target.flags:
                target.flags.remove("fuzzy")
        path = catalogues.po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        ui.save(str(path))
        call_command("compile_translations", stdout=io.StringIO())
        report.interface = len(interface)
    return report


@transaction.atomic
def _write_content(content: list[tuple[Text, str]], *, language: str, report: ImportReport) -> None:
    """Write imported texts: each fills its field, unreviewed, as a translation of the source
    as it is now. A row that does not exist yet is made only when the file has all of its
    item's texts: readers never get an item with a blank title."""
    by_parent: dict[tuple[type, int], list[tuple[Text, str]]] = {}
    for text, translation in content:
        by_parent.setdefault((type(text.parent), text.parent.pk), []).append((text, translation))
    all_texts = content_texts()
    for items in by_parent.values():
        first = items[0][0]
        row = first.rows.get(language)
        if row is None:
            needed = {t.field for t in all_texts if t.parent == first.parent}
            if needed - {text.field for text, _translation in items}:
                report.skipped.append(first.key.rsplit(".", 1)[0])
                continue
            row = first.translation_model(language=language)
            row.parent = first.parent  # type: ignore[attr-defined]
            for name in row.text_fields():
                if name not in needed:
                    setattr(row, name, getattr(first.source_row, name))
            if hasattr(row, "consent_version"):
                row.consent_version = first.source_row.consent_version  # type: ignore[attr-defined]
        for text, translation in items:
            setattr(row, text.field, translation)
            row.stamp_sources(text.source_row, [text.field])
            report.content += 1
        row.reviewed = False
        row.full_clean(exclude=["parent"])
        row.save()
