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
from decimal import Decimal

from dialogs.bidi import balanced

TRIGGERS = frozenset("=+-@＝＋－＠")
"""What makes a spreadsheet read a cell as a formula when it comes first, even after spaces (full-width forms too)."""
LEADING = frozenset("\t\r\n\0")
"""Characters a cell must not start with either (OWASP's CSV injection advice)."""
INVISIBLE = "Cf"
"""Unicode's format characters (LRM/RLM, embeddings and overrides, isolates, zero-width space and joiners, word
joiner, byte-order mark…): a spreadsheet may drop them, so they hide nothing that comes after them."""
Cell = str | int | float | Decimal


def safe(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, full-width or not, after spaces or
    invisible format characters or not; a leading tab or carriage return) is prefixed with an apostrophe; a direction
    override typed in it (U+202E…) is closed at the end of its cell, an unmatched end dropped (a cell without one is
    left as it is)."""
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
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    return safe(value)


def to_xlsx(sheets: dict[str, tuple[Sequence[str], Sequence[Sequence[Cell]]]]) -> bytes:
    """One worksheet per entry, every text cell stored as text, without the control characters XLSX cannot hold."""
    from openpyxl import Workbook

    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    for title, (header, rows) in sheets.items():
        sheet = book.create_sheet(title[:31])
        sheet.append([_xlsx_cell(h) for h in header])
        for row in rows:
            sheet.append([_xlsx_cell(c) for c in row])
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
