"""The yearly indicators as an A4 PDF in the reader's language: a title, then one table per section."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from dialogs.i18n import Translator
from faire_lien.core.pdf import FAMILY, a4, as_bytes
from faire_lien.surveys.report import INDICATOR, NOTE, VALUE, Line, rows, title

WIDTHS = (80, 45, 20, 45)
"""Millimetres of the indicator, value, n and note columns (190 mm: A4 less 10 mm margins)."""


def as_pdf(year: int, lines: Sequence[Line], t: Translator) -> bytes:
    """The report as a PDF: the title, then each section's heading and its indicators in a table."""
    heading = title(year, t)
    pdf = a4(heading)
    pdf.set_margins(10, 12, 10)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 16)
    pdf.multi_cell(0, 9, heading, new_x="LMARGIN", new_y="NEXT")
    for _, section in groupby(rows(lines, t), key=lambda row: row.section):
        found = list(section)
        pdf.ln(4)
        pdf.set_font(FAMILY, "B", 12)
        pdf.multi_cell(0, 7, found[0].heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 9)
        with pdf.table(col_widths=WIDTHS, text_align="LEFT", first_row_as_headings=True, line_height=5) as table:
            header = table.row()
            for text in (t(INDICATOR), t(VALUE), "n", t(NOTE)):
                header.cell(text)
            for row in found:
                cells = table.row()
                for text in (row.label, row.value, row.n, row.note):
                    cells.cell(text)
    return as_bytes(pdf)
