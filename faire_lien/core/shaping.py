"""Right-to-left words drawn on a chart: Arabic and Persian letters joined and read from the right.

matplotlib draws characters one by one in the order given, so an Arabic or Persian label would show
unjoined letters, left to right. arabic-reshaper picks each letter's joined form and python-bidi puts the
line in display order, the usual recipe for matplotlib (PDFs are shaped by fpdf2 itself, core/pdf.py).
"""

from __future__ import annotations

from arabic_reshaper import reshape
from bidi import get_display


def drawable(text: str, rtl: bool) -> str:
    """The text as a chart must draw it: unchanged for left-to-right languages, shaped and reordered otherwise."""
    if not rtl or not text:
        return text
    return str(get_display(reshape(text)))
