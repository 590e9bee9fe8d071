"""A survey with no session of 5 respondents yet gives no response rate: not « 0 % (n = 0/0) », which reads as
"nobody answered" and hides that answers may be waiting for their group of 5."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.surveys.present import report_text
from faire_lien.surveys.report import as_text, as_xlsx, rows, yearly
from faire_lien.surveys.results import summarize
from storage.db import Database
from storage.surveys import SessionAnswers
from tests.conftest import NOW


async def test_the_yearly_report_of_a_survey_without_answers_says_none_is_counted(
    flows: dict[str, Flow], db: Database
) -> None:
    """The text (command line, chat) and the workbook read « aucune réponse comptée — il en faut 5 d'une même
    rencontre »; before, « Taux de réponse : 0 % (n = 0/0) »."""
    async with db.unit_of_work() as session:
        lines = await yearly(session, 2026, flows, NOW)
    french = as_text(2026, lines, translator("fr"))
    assert "0/0" not in french and "Taux de réponse : 0 %" not in french
    said = "Taux de réponse : aucune réponse comptée — il en faut 5 d'une même rencontre"
    assert f"[Votre avis sur la rencontre]\n{said}\n" in french
    sheet = load_workbook(BytesIO(as_xlsx(2026, lines, translator("fr"))))["2026"]
    rate = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "Taux de réponse")
    assert rate[2:] == (
        "aucune réponse comptée",
        None,
        "il en faut 5 d'une même rencontre",
        "aucune réponse comptée",
    )
    for language in ("en", "fa", "ar"):
        values = {r.value for r in rows(lines, translator(language)) if r.section == "hot_evaluation"}
        assert not any("0/0" in v or v.startswith("0") for v in values), language


def test_results_without_a_counted_session_give_no_rate(flows: dict[str, Flow]) -> None:
    """The chat's and the command line's results of a session whose 4 people invited have not answered: « Moins de 5
    réponses », without « Invités : 0 · répondants : 0 · taux de réponse : 0 % » above it."""
    four = summarize(flows["hot_evaluation"], [SessionAnswers(1, 4, [])])
    text = report_text(four, "📊", translator("fr"))
    assert text == "📊\nMoins de 5 réponses : le détail est masqué pour que personne ne soit reconnaissable."
