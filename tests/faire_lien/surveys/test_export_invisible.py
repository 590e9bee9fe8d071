"""A cell whose formula hides behind characters a spreadsheet may drop (direction marks, zero-width ones) is text."""

from __future__ import annotations

import csv
import io
from io import BytesIO

import pytest
from openpyxl import load_workbook

from faire_lien.surveys.exports import to_csv, to_french_csv, to_xlsx

INVISIBLE = {
    "LRM": "\u200e",
    "RLM": "\u200f",
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
    "ZWSP": "\u200b",
    "ZWNJ": "\u200c",
    "ZWJ": "\u200d",
    "BOM": "\ufeff",
    "WJ": "\u2060",
}
"""One of each: marks, embeddings and overrides (and their end), isolates (and theirs), zero-width, BOM, joiner."""
FORMULAS = ["=1+1", "+33 6", "-2+3", "@cmd", " =SUM(A1)", "＝1"]


def _cells(mark: str) -> list[str]:
    """Each formula behind the character, once alone, once twice with a space between."""
    return [mark + f for f in FORMULAS] + [f"{mark} {mark}{f}" for f in FORMULAS]


@pytest.mark.parametrize("name", list(INVISIBLE))
def test_a_formula_behind_an_invisible_character_is_exported_as_text(name: str) -> None:
    """Before, « \\u200e=1+1 » (and each of these characters before `=`, `+`, `-`, `@`) was written as it was: a
    spreadsheet dropping the character ran the formula; now every such cell starts with an apostrophe."""
    rows = [[cell] for cell in _cells(INVISIBLE[name])]
    for body, delimiter in ((to_csv(["q"], rows), ","), (to_french_csv(["q"], rows), ";")):
        read = [row[0] for row in csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=delimiter)]
        assert all(cell.startswith("'") for cell in read[1:]), (name, read)
    sheet = load_workbook(BytesIO(to_xlsx({"R": (["q"], rows)})))["R"]
    values = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(v, str) and v.startswith("'") for v in values), (name, values)
    assert all(row[0].data_type == "s" for row in sheet.iter_rows(min_row=2))


def test_invisible_characters_before_plain_text_change_nothing() -> None:
    """A name or a comment that only starts with a direction mark is written as it was."""
    cells = ["\u200fمرحبا", "\u2068Très clair\u2069", "\u200b", "\ufeffa = b"]
    assert to_csv(["q"], [[c] for c in cells]).decode("utf-8-sig").split("\r\n")[1:-1] == cells
