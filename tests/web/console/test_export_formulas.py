"""A comment a spreadsheet would run as a formula is exported as text, whatever hides its first `=`, `+`, `-` or `@`."""

from __future__ import annotations

import csv
import io

from tests.support.surveys import surveyed_session
from tests.web.console.conftest import Desk
from tests.web.console.results_scene import COORDINATOR, paris

NOVEMBER = "survey=hot_evaluation&kind=info_meeting&from=2026-11&to=2026-11"
COMMENTS = [
    "  =1+1",
    "\t=2+2",
    "\r\n=3+3",
    "＝SUM(1;2)",
    " ＋33 6",
    "－5",
    "\u3000＠cmd",
    " @cmd",
    "   -7+8",
    "\u200e=1+1",
    "\ufeff\u2066-3\u2069",
    "\u200b @cmd",
]
PLAIN = ["Très clair", "Merci", "\u200fشكرا"]
"""Formulas behind spaces, a tab, a carriage return, a full-width space, invisible format characters (a direction
mark, a byte-order mark and an isolate, a zero-width space) or in full-width forms; then plain comments, one behind
a right-to-left mark (15 respondents: answers count in whole groups of 5)."""


async def test_comments_that_would_run_as_formulas_are_exported_as_text(desk: Desk) -> None:
    """Before, « ␣␣=1+1 », « ＝SUM(1;2) », « ␣@cmd », « LRM=1+1 »… were written as they were, and a spreadsheet
    opening the file ran them; now each is prefixed with an apostrophe like a leading « = », in both CSV exports (a
    session, a kind)."""
    answers = [{"overall": 4, "comment": comment} for comment in COMMENTS + PLAIN]
    async with desk.db.unit_of_work() as session:
        meeting_id = await surveyed_session(session, paris(2026, 11, 3, 14), answers)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    for path in (f"/sessions/{meeting_id}/results.csv?survey=hot_evaluation", f"/results.csv?{NOVEMBER}"):
        exported = await signed.get(path)
        assert exported.status_code == 200, path
        body = exported.content.decode("utf-8-sig")
        cells = [row[1] for row in csv.reader(io.StringIO(body, newline=""), delimiter=";") if row[0] == "Commentaire"]
        assert sorted(cells) == sorted(["'" + c for c in COMMENTS] + PLAIN), path
        assert ";'  =1+1;" in body and ';"\'＝SUM(1;2)";' in body  # the ; inside it is quoted
        assert '"\'\r\n=3+3"' in body and "'\t=2+2" in body
