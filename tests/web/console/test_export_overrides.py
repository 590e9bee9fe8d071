"""A comment typed with a right-to-left override (U+202E) keeps it inside its own cell of the CSV and XLSX exports."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from tests.support.surveys import surveyed_session
from tests.web.console.conftest import Desk
from tests.web.console.results_scene import COORDINATOR, paris

RLO, PDF, PDI = "\u202e", "\u202c", "\u2069"


async def test_an_override_typed_in_a_comment_is_closed_in_its_cell(desk: Desk) -> None:
    """The coordinator's spreadsheet shows « ‮ABC‬ » with the override closed at the end of the comment (a lone
    PDI dropped): the cells after it keep their order; a comment without controls is exported as it was typed."""
    answers = [{"overall": 4, "comment": f"Avis {n}"} for n in range(4)]
    answers.append({"overall": 5, "comment": f"{PDI}{RLO}ABC"})
    async with desk.db.unit_of_work() as session:
        meeting_id = await surveyed_session(session, paris(2026, 11, 3, 14), answers)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    base = f"/sessions/{meeting_id}/results"
    exported = await signed.get(f"{base}.csv?survey=hot_evaluation")
    assert exported.status_code == 200
    cells = [row[1] for row in csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";") if row]
    assert f"{RLO}ABC{PDF}" in cells and "Avis 0" in cells, cells
    exported = await signed.get(f"{base}.xlsx?survey=hot_evaluation")
    assert exported.status_code == 200
    book = load_workbook(io.BytesIO(exported.content))
    comments = [row[0] for row in book["Commentaires"].iter_rows(values_only=True)]
    assert f"{RLO}ABC{PDF}" in comments and "Avis 0" in comments, comments
