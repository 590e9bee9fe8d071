"""CSV and XLSX exports of results, safe to open in a spreadsheet (no formula injection), text someone typed with
its direction overrides closed inside its cell (`dialogs/bidi.py`).

`to_csv` writes the command line's CSV (comma separator, decimal point); `to_french_csv` the one a
spreadsheet set up for France opens in columns at once (semicolon separator, decimal comma).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dialogs.bidi import balanced

TRIGGERS = frozenset("=+-@＝＋－＠")
"""What makes a spreadsheet read a cell as a formula when it comes first, even after spaces (full-width forms too)."""
LEADING = frozenset("\t\r\n\0")
"""Characters a cell must not start with either (OWASP's CSV injection advice)."""
INVISIBLE = "Cf"
"""Unicode's format characters (LRM/RLM, embeddings and overrides, isolates, zero-width space and joiners, word
joiner, byte-order mark…): a spreadsheet may drop them, so they hide nothing that comes after them."""
COUNT = "#,##0"
"""How a workbook shows a count: a whole number, thousands grouped as the spreadsheet's language groups them."""
PERCENTAGE = "0.0%"
"""How a workbook shows a share (stored as a fraction, 0.725): « 72,5 % », "72.5%"."""
DECIMAL = "0.0"
"""How a workbook shows a mean or an amount: one decimal."""


@dataclass(frozen=True)
class Number:
    """A figure a spreadsheet can add up, with the number format it is shown in (a count, a share, a mean)."""

    value: int | Decimal
    format: str


Cell = str | int | float | Decimal | Number


def safe(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, full-width or not, after spaces or
    invisible format characters or not; a leading tab or carriage return) is prefixed with an apostrophe; a direction
    override typed in it (U+202E…) is closed at the end of its cell, an unmatched end dropped (a cell without one is
    left as it is); a figure as its number."""
    if isinstance(value, Number):
        return value.value
    if not isinstance(value, str):
        return value
    value = balanced(value, close=True)
    if value[:1] in LEADING or _first_visible(value) in TRIGGERS:
        return "'" + value
    return value


def _first_visible(text: str) -> str:
    """The first character that is neither a space nor an invisible format character ("" when there is none)."""
    for char in text:
        if not char.isspace() and unicodedata.category(char) != INVISIBLE:
            return char
    return ""


def to_csv(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """UTF-8 CSV with a byte-order mark (so spreadsheet programs read accents right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe(h) for h in header])
    writer.writerows([[safe(c) for c in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def to_french_csv(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """CSV for a French spreadsheet: UTF-8 with a byte-order mark, `;` between cells, decimal comma ("12,5")."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe(h) for h in header])
    writer.writerows([[_french(c) for c in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def _french(value: Cell) -> Cell:
    """A number with a decimal comma; text made safe."""
    if isinstance(value, Number):
        value = value.value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    return safe(value)


def to_xlsx(sheets: dict[str, tuple[Sequence[str], Sequence[Sequence[Cell]]]]) -> bytes:
    """One worksheet per entry, every text cell stored as text, without the control characters XLSX cannot hold;
    a figure (`Number`) stored as a number shown in its format, so that a spreadsheet can add it up."""
    from openpyxl import Workbook

    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    for title, (header, rows) in sheets.items():
        sheet = book.create_sheet(title[:31])
        sheet.append([_xlsx_cell(h) for h in header])
        for row in rows:
            sheet.append([_xlsx_cell(c) for c in row])
            for cell, value in zip(sheet[sheet.max_row], row, strict=False):
                if isinstance(value, Number):
                    cell.number_format = value.format
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value: Cell) -> Cell:
    """A cell XLSX can hold: text without control characters (a person may type one; openpyxl refuses them), safe."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return safe(ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value)
