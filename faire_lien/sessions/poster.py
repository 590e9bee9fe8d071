"""The A4 poster of a session for a waiting room: what, when, where, in which languages, and a QR code to register.

The QR code opens the bot on the session (`t.me/<bot>?start=s_<id>`); the line that says so is written in
French and in each language the session is held in, so that someone who reads no French knows what to do.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno
from babel import UnknownLocaleError
from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, XPos, YPos

from dialogs.i18n import Translator, available_languages, language_name, translator
from dialogs.text import msg
from faire_lien.core.pdf import FAMILY, a4, as_bytes
from faire_lien.sessions import texts
from storage.models import Meeting

ACCESS = msg("Accès : {notes}", "poster")
SPOKEN = msg("Langues parlées : {languages}", "poster")
SCAN = msg("Pour vous inscrire, scannez ce code avec votre téléphone : il ouvre le bot sur cette rencontre.", "poster")
QR_LARGEST = 95.0
QR_SMALLEST = 45.0
"""Millimetres: the QR code takes the room left on the page, within these sizes."""
QR_MARGIN = 6.0
SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
"""Text sizes tried, largest first, until the poster fits on one page."""
LINE = 0.5
"""Line height in mm per point of font size."""


@dataclass(frozen=True)
class Text:
    """A centred paragraph of the poster, its size in points at full scale, the room left under it in mm."""

    text: str
    size: float
    bold: bool = False
    gap: float = 0


def poster(meeting: Meeting, link: str) -> bytes:
    """The poster's PDF: kind, titles, date and time (Paris), place, access, languages, QR code of `link`.

    One page: with many languages or long notes, the text is set smaller until it fits.
    """
    french = translator("fr")
    above, below = _texts(meeting, link, french)
    pdf = a4(texts.title(meeting, french))
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    room = pdf.h - pdf.t_margin - pdf.b_margin - QR_MARGIN
    scale = next(
        (s for s in SCALES if _height(pdf, above, s) + _height(pdf, below, s) + QR_SMALLEST <= room), SCALES[-1]
    )
    for text in above:
        _draw(pdf, text, scale)
    left = pdf.h - pdf.b_margin - pdf.get_y() - _height(pdf, below, scale) - QR_MARGIN
    _qr(pdf, link, max(QR_SMALLEST, min(QR_LARGEST, left)))
    for text in below:
        _draw(pdf, text, scale)
    return as_bytes(pdf)


def _texts(meeting: Meeting, link: str, french: Translator) -> tuple[list[Text], list[Text]]:
    """What the poster says above the QR code, and under it (what the code does, in each language, and the link)."""
    above = [
        Text(french(texts.kind_name(meeting.kind)), 16, gap=2),
        Text(texts.title(meeting, french), 30, bold=True, gap=1),
        *(Text(meeting.title[code], 18, gap=1) for code in _others(meeting)),
        Text(texts.when(meeting, french), 18, bold=True, gap=2),
        Text(meeting.place, 18, bold=True),
        Text(meeting.address, 15, gap=2),
    ]
    if meeting.access_notes:
        above.append(Text(french(ACCESS.bind(notes=meeting.access_notes)), 13, gap=1))
    if meeting.languages:
        names = " · ".join(_name(code) for code in meeting.languages)
        above.append(Text(french(SPOKEN.bind(languages=names)), 13, gap=1))
    readers = [french, *(translator(code) for code in _spoken_by_the_bot(meeting))]
    below = [*(Text(reader(SCAN), 11) for reader in readers), Text(link, 10)]
    return above, below


def _others(meeting: Meeting) -> list[str]:
    """The session's languages other than French that it has a title in."""
    return [code for code in meeting.languages if code != "fr" and meeting.title.get(code)]


def _spoken_by_the_bot(meeting: Meeting) -> list[str]:
    """The session's languages, other than French, that the bot has texts in."""
    shipped = available_languages()
    return [code for code in dict.fromkeys(meeting.languages) if code != "fr" and code in shipped]


def _name(code: str) -> str:
    """A language's name in its own script ("العربية"), or its code when CLDR does not know it."""
    try:
        return language_name(code)
    except (UnknownLocaleError, ValueError):
        return code


def _height(pdf: FPDF, paragraphs: list[Text], scale: float) -> float:
    """How tall these paragraphs are at this scale, in mm (measured, not drawn)."""
    total = 0.0
    for paragraph in paragraphs:
        _font(pdf, paragraph, scale)
        lines = pdf.multi_cell(
            0, paragraph.size * scale * LINE, paragraph.text, dry_run=True, output=MethodReturnValue.LINES
        )
        assert isinstance(lines, list)
        total += len(lines) * paragraph.size * scale * LINE + paragraph.gap * scale
    return total


def _font(pdf: FPDF, paragraph: Text, scale: float) -> None:
    pdf.set_font(FAMILY, "B" if paragraph.bold else "", paragraph.size * scale)


def _draw(pdf: FPDF, paragraph: Text, scale: float) -> None:
    """A centred paragraph, wrapped to the page's width."""
    if not paragraph.text:
        return
    _font(pdf, paragraph, scale)
    height = paragraph.size * scale * LINE
    pdf.multi_cell(0, height, paragraph.text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(paragraph.gap * scale)


def _qr(pdf: FPDF, link: str, size: float) -> None:
    """The QR code of the link, `size` mm wide, centred."""
    image = io.BytesIO()
    segno.make(link, error="m").save(image, kind="png", scale=10, border=2)
    image.seek(0)
    pdf.ln(QR_MARGIN / 2)
    pdf.image(image, x=(pdf.w - size) / 2, y=pdf.get_y(), w=size, h=size, alt_text=link)
    pdf.set_y(pdf.get_y() + size + QR_MARGIN / 2)
