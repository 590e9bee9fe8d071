"""A comment typed with a control character (a stray Ctrl key, a pasted escape) does not break the XLSX export."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.support.surveys import surveyed_session
from tests.web.console.conftest import Desk
from tests.web.console.results_scene import COORDINATOR, paris

NOVEMBER = "survey=hot_evaluation&kind=info_meeting&from=2026-11&to=2026-11"


async def test_the_workbook_holds_the_comment_without_its_control_characters(desk: Desk) -> None:
    answers = [{"overall": 4, "comment": f"Avis {n}"} for n in range(4)]
    answers.append({"overall": 5, "comment": "Très\x07 clair,\x1b[31m merci\x0b !"})
    async with desk.db.unit_of_work() as session:
        meeting_id = await surveyed_session(session, paris(2026, 11, 3, 14), answers)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    for path in (f"/sessions/{meeting_id}/results.xlsx?survey=hot_evaluation", f"/results.xlsx?{NOVEMBER}"):
        exported = await signed.get(path)
        assert exported.status_code == 200, path
        book = load_workbook(io.BytesIO(exported.content))
        comments = [row[0] for row in book["Commentaires"].iter_rows(values_only=True)]
        assert "Très clair,[31m merci !" in comments, comments
