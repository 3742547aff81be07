"""The delivery pack as files: a PDF to hand to the addressees and a CSV of the same figures.

The PDF is set in DejaVu Sans (Debian's fonts-dejavu-core), which writes every script of the
EU's languages (Latin with all its accents, Greek, Cyrillic); the fonts are embedded, so the
document looks the same on any computer. Neither file holds a person: only the petition's
texts, counts and, if asked, the names and countries of endorsing organisations.
"""

import io
from pathlib import Path

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from fpdf import FPDF, FontFace
from fpdf.enums import TableCellFillMode, XPos, YPos

from handover.selectors import DeliveryPack, Line
from privacy.spreadsheet import SpreadsheetWriter

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
INK = (20, 20, 20)
MUTED = (90, 90, 90)
RULE = (150, 150, 150)
HEAD_FILL = (225, 229, 236)
STRIPE = (244, 246, 249)


class FontsMissing(Exception):
    """The DejaVu fonts are not where settings.HANDOVER_FONT_DIR says."""


def font_paths() -> dict[str, Path]:
    folder = Path(settings.HANDOVER_FONT_DIR)
    paths = {style: folder / name for style, name in FONT_FILES.items()}
    missing = [str(path) for path in paths.values() if not path.is_file()]
    if missing:
        raise FontsMissing(
            f"The PDF needs the DejaVu fonts, missing: {', '.join(missing)}. Install Debian's "
            "fonts-dejavu-core or set HANDOVER_FONT_DIR."
        )
    return paths


def number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def day(value: object) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def period_text(pack: DeliveryPack) -> str:
    if pack.since and pack.until:
        return _("%(since)s to %(until)s") % {"since": day(pack.since), "until": day(pack.until)}
    if pack.since:
        return _("from %(since)s") % {"since": day(pack.since)}
    if pack.until:
        return _("until %(until)s") % {"until": day(pack.until)}
    return _("no signature confirmed yet")


def share(part: int, whole: int) -> str:
    return formats.number_format(part * 100 / whole, decimal_pos=1) + " %" if whole else ""


class _Document(FPDF):
    def __init__(self, pack: DeliveryPack) -> None:
        super().__init__(format="A4")
        self.pack = pack
        for style, path in font_paths().items():
            self.add_font(FONT, style, str(path))
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=20)
        self.set_title(pack.petition_title or pack.campaign)
        self.set_author(pack.campaign)
        self.set_lang(pack.language)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.pack.campaign, align="L")
        self.set_x(self.l_margin)
        self.cell(
            0,
            5,
            _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"},
            align="R",
        )
        self.set_text_color(*INK)

    def heading(self, text: str, size: float = 13) -> None:
        if self.will_page_break(30):
            self.add_page()
        self.ln(4)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def paragraph(self, text: str, *, size: float = 10.5, style: str = "") -> None:
        self.set_font(FONT, style, size)
        for block in [part.strip() for part in text.split("\n\n") if part.strip()]:
            self.multi_cell(0, size * 0.5, block, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(2)

    def table_of(
        self,
        headings: tuple[str, ...],
        rows: list[tuple[str, ...]],
        *,
        widths: tuple[int, ...],
        align: tuple[str, ...],
        total: tuple[str, ...] | None = None,
    ) -> None:
        self.set_font(FONT, "", 9.5)
        with self.table(
            col_widths=widths,
            text_align=align,
            align="LEFT",
            width=self.epw,
            line_height=5.5,
            padding=(1, 2),
            headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
            cell_fill_color=STRIPE,
            cell_fill_mode=TableCellFillMode.ROWS,
            borders_layout="HORIZONTAL_LINES",
            repeat_headings=1,
        ) as table:
            table.row(headings)
            for row in rows:
                table.row(row)
            if total:
                table.row(total, style=FontFace(emphasis="BOLD"))


def _counts(lines: list[Line], total: int) -> list[tuple[str, ...]]:
    return [(line.name, number(line.signatures), share(line.signatures, total)) for line in lines]


def pack_pdf(pack: DeliveryPack) -> bytes:
    """The delivery pack as an A4 PDF in the pack's language."""
    with translation.override(pack.language):
        pdf = _Document(pack)
        pdf.add_page()
        pdf.set_font(FONT, "", 10)
        pdf.set_text_color(*MUTED)
        pdf.cell(0, 5, pack.campaign, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
        pdf.ln(2)
        pdf.set_font(FONT, "B", 20)
        title = pack.petition_title or _("Petition")
        pdf.multi_cell(0, 9, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
        pdf.set_draw_color(*RULE)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(3)
        facts = [
            (_("Handed over on"), day(pack.made_on)),
            (_("To"), pack.addressees),
            (_("Confirmed signatures"), number(pack.total)),
            (_("Period"), period_text(pack)),
        ]
        for label, value in facts:
            if not value:
                continue
            pdf.set_font(FONT, "B", 10.5)
            pdf.cell(48, 6, label)
            pdf.set_font(FONT, "", 10.5)
            pdf.multi_cell(0, 6, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if pack.petition_text:
            pdf.heading(_("The petition"))
            pdf.paragraph(pack.petition_text)
        pdf.heading(_("Confirmed signatures by country"))
        pdf.table_of(
            (_("Country"), _("Signatures"), _("Share")),
            _counts(pack.countries, pack.total),
            widths=(100, 40, 30),
            align=("LEFT", "RIGHT", "RIGHT"),
            total=(_("Total"), number(pack.total), share(pack.total, pack.total)),
        )
        if pack.languages:
            pdf.heading(_("Confirmed signatures by language"))
            language_total = sum(line.signatures for line in pack.languages)
            pdf.table_of(
                (_("Language"), _("Signatures"), _("Share")),
                _counts(pack.languages, language_total),
                widths=(100, 40, 30),
                align=("LEFT", "RIGHT", "RIGHT"),
            )
        if pack.organisations:
            pdf.heading(_("Endorsing organisations"))
            pdf.table_of(
                (_("Organisation"), _("Country")),
                [(line.name, line.country) for line in pack.organisations],
                widths=(110, 60),
                align=("LEFT", "LEFT"),
            )
        pdf.ln(4)
        pdf.set_font(FONT, "", 8.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(
            0,
            4.5,
            _(
                "Every signature counted here was confirmed by its signer through a link sent "
                "to their email address. This document holds no personal data."
            ),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        return bytes(pdf.output())


CSV_COLUMNS = ("section", "code", "name", "value")


def pack_csv(pack: DeliveryPack) -> str:
    """The delivery pack's texts and figures as CSV, one fact per row: a section (petition,
    period, country, language, organisation), a code, a name and a value. Every cell is safe
    to open in a spreadsheet (privacy.spreadsheet)."""
    target = io.StringIO()
    writer = SpreadsheetWriter(target, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    rows: list[tuple[str, str, str, object]] = [
        ("campaign", pack.language, pack.campaign, ""),
        ("petition", "title", pack.petition_title, ""),
        ("petition", "text", pack.petition_text, ""),
        ("petition", "addressees", pack.addressees, ""),
        ("period", "from", "", pack.since.isoformat() if pack.since else ""),
        ("period", "to", "", pack.until.isoformat() if pack.until else ""),
        ("total", "", "", pack.total),
    ]
    rows += [("country", line.code, line.name, line.signatures) for line in pack.countries]
    rows += [("language", line.code, line.name, line.signatures) for line in pack.languages]
    rows += [("organisation", line.code, line.name, line.country) for line in pack.organisations]
    for row in rows:
        writer.writerow(dict(zip(CSV_COLUMNS, row, strict=True)))
    return target.getvalue()
