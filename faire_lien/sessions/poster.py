"""The A4 poster of a session for a waiting room: what, when, where, in which languages, and a QR code to register.

The QR code opens the bot on the session (`t.me/<bot>?start=s_<id>`); the line that says so is written in
French and in each language the session is held in, so that someone who reads no French knows what to do.
"""

from __future__ import annotations

import io

import segno
from babel import UnknownLocaleError
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

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


def poster(meeting: Meeting, link: str) -> bytes:
    """The poster's PDF: kind, titles, date and time (Paris), place, access, languages, QR code of `link`."""
    french = translator("fr")
    pdf = a4(texts.title(meeting, french))
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    _line(pdf, french(texts.kind_name(meeting.kind)), 16, gap=2)
    _line(pdf, texts.title(meeting, french), 30, bold=True, gap=1)
    for language in _others(meeting):
        _line(pdf, meeting.title.get(language, ""), 18, gap=1)
    pdf.ln(4)
    _line(pdf, texts.when(meeting, french), 18, bold=True, gap=2)
    _line(pdf, meeting.place, 18, bold=True)
    _line(pdf, meeting.address, 15, gap=2)
    if meeting.access_notes:
        _line(pdf, french(ACCESS.bind(notes=meeting.access_notes)), 13, gap=1)
    if meeting.languages:
        names = " · ".join(_name(code) for code in meeting.languages)
        _line(pdf, french(SPOKEN.bind(languages=names)), 13, gap=1)
    _qr(pdf, link, [french, *(translator(code) for code in _spoken_by_the_bot(meeting))])
    return as_bytes(pdf)


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


def _line(pdf: FPDF, text: str, size: float, *, bold: bool = False, gap: float = 0) -> None:
    """A centred paragraph, wrapped to the page's width."""
    if not text:
        return
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.5, text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(gap)


def _qr(pdf: FPDF, link: str, readers: list[Translator]) -> None:
    """The QR code, as large as the room left allows, with the line that says what it does under it."""
    image = io.BytesIO()
    segno.make(link, error="m").save(image, kind="png", scale=10, border=2)
    image.seek(0)
    below = 7.0 * len(readers) + 8
    room = pdf.h - pdf.b_margin - pdf.get_y() - below - 6
    size = max(QR_SMALLEST, min(QR_LARGEST, room))
    if room < QR_SMALLEST:
        pdf.add_page()
    pdf.ln(3)
    pdf.image(image, x=(pdf.w - size) / 2, y=pdf.get_y(), w=size, h=size, alt_text=link)
    pdf.set_y(pdf.get_y() + size + 2)
    for reader in readers:
        _line(pdf, reader(SCAN), 11)
    _line(pdf, link, 10)
