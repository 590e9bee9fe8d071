"""A4 PDF documents (poster, yearly report) with one font that writes French, Arabic, Persian and Cyrillic.

fpdf2 shapes text with HarfBuzz (uharfbuzz), so Arabic letters join and right-to-left lines read the right
way; DejaVu Sans comes with matplotlib, so no font is installed by hand.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
from fpdf import FPDF

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FAMILY = "DejaVu"


def a4(title: str, author: str = "faire-lien") -> FPDF:
    """A blank A4 portrait document, DejaVu Sans regular and bold registered, text shaping on."""
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("faire-lien")
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_text_shaping(True)
    pdf.set_font(FAMILY, size=11)
    pdf.set_auto_page_break(auto=True, margin=15)
    return pdf


def as_bytes(pdf: FPDF) -> bytes:
    """The finished document's bytes."""
    return bytes(pdf.output())
