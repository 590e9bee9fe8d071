"""An export with no answer to give sends no file: the results page says why, in the console's language; the journal
keeps the attempt, said as an export asked for with nothing to export (never « a exporté »)."""

from __future__ import annotations

import html

import httpx

from tests.support.surveys import surveyed_session
from tests.web.console.conftest import Desk, SignedIn
from tests.web.console.results_scene import COORDINATOR, SECRET, paris, small_session
from tests.web.console.test_audit_journal import rows
from tests.web.console.test_console_results import audit_rows

NOBODY = "Personne n'a encore répondu : il n'y a rien à télécharger."
HIDDEN = (
    "Moins de 5 réponses par rencontre : les résultats restent cachés pour protéger l'anonymat ; "
    "il n'y a rien à télécharger."
)
NOVEMBER = "survey=hot_evaluation&kind=info_meeting&from=2026-11&to=2026-11"


async def unanswered_session(desk: Desk) -> int:
    """A session of 12 November 2026 whose 4 people invited have not answered yet."""
    async with desk.db.unit_of_work() as session:
        return await surveyed_session(session, paris(2026, 11, 12, 14), [], invited=4)


async def said_instead(signed: SignedIn, address: str) -> tuple[httpx.Response, str]:
    """The export's answer, and the text of the page it leads back to."""
    exported = await signed.get(address)
    assert exported.status_code == 303, address
    assert "attachment" not in exported.headers.get("content-disposition", "")
    back = await signed.get(exported.headers["location"])
    assert back.status_code == 200
    return exported, html.unescape(back.text)


async def attempts(signed: SignedIn) -> list[str]:
    """The journal's sentences of exports asked for with nothing to export, newest first (its filter)."""
    page = await signed.get("/team/audit", params={"action": "export_survey_nothing"})
    return [line.split(" | ", 1)[1] for line in rows(page.text)]


async def test_a_session_nobody_answered_gives_no_file_but_says_so(desk: Desk) -> None:
    meeting_id = await unanswered_session(desk)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    for fmt in ("csv", "xlsx"):
        exported, page = await said_instead(signed, f"/sessions/{meeting_id}/results.{fmt}?survey=hot_evaluation")
        assert exported.headers["location"] == f"/sessions/{meeting_id}/results"
        assert f'<p class="flash" role="status">{NOBODY}</p>' in page
    exports = [(action, d) for _, action, d in await audit_rows(desk) if action.startswith("export")]
    assert [(action, d["meeting"], d["format"]) for action, d in exports] == [
        ("export_survey_nothing", meeting_id, "csv"),
        ("export_survey_nothing", meeting_id, "xlsx"),
    ]
    said = await attempts(signed)
    assert said == [
        f"Telegram {COORDINATOR} (coordination) a demandé un export ({fmt}) des résultats du questionnaire "
        f"« Votre avis sur la rencontre » de la rencontre n° {meeting_id} : rien à exporter, aucun fichier donné."
        for fmt in ("XLSX", "CSV")
    ]
    everything = rows((await signed.get("/team/audit")).text)
    assert len(everything) > 2 and not [line for line in everything if "a exporté" in line]


async def test_a_session_under_5_respondents_gives_no_file_and_says_why(desk: Desk) -> None:
    meeting_id = await small_session(desk.db)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    _, page = await said_instead(signed, f"/sessions/{meeting_id}/results.xlsx?survey=hot_evaluation")
    assert HIDDEN in page and NOBODY not in page and SECRET not in page


async def test_a_period_without_a_counted_session_gives_no_file_and_says_why(desk: Desk) -> None:
    await small_session(desk.db)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    exported, page = await said_instead(signed, f"/results.csv?{NOVEMBER}")
    assert exported.headers["location"] == f"/results?{NOVEMBER}"  # back to the same period
    assert HIDDEN in page and SECRET not in page
    exports = [(action, d) for _, action, d in await audit_rows(desk) if action.startswith("export")]
    assert [(action, d["kind"], d["first"], d["format"]) for action, d in exports] == [
        ("export_survey_nothing", "info_meeting", "2026-11", "csv")
    ]
    said = await attempts(signed)
    assert said == [
        f"Telegram {COORDINATOR} (coordination) a demandé un export (CSV) des résultats du questionnaire "
        "« Votre avis sur la rencontre » des rencontres « Réunion d'information » sur la période "
        "novembre 2026 – novembre 2026 : rien à exporter, aucun fichier donné."
    ]
    assert (await signed.get("/team/audit", params={"action": "export_survey_results"})).text.count("<tr>") == 0


async def test_a_period_nobody_answered_in_says_so_in_english(desk: Desk) -> None:
    await unanswered_session(desk)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    assert (await signed.post("/language", {"language": "en", "back": "/"})).status_code == 303
    _, page = await said_instead(signed, f"/results.xlsx?{NOVEMBER}")
    assert "Nobody has answered yet: there is nothing to download." in page
    said = await attempts(signed)
    assert said == [
        f"Telegram {COORDINATOR} (coordinator) asked for an export (XLSX) of the results of the "
        "“Your opinion of the session” survey for “Information meeting” sessions from November 2026 to November 2026: "
        "nothing to export, no file given."
    ]
