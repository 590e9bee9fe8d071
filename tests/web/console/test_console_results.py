"""Survey results in the console: a session's (facilitators who follow it), by kind over whole months (coordinators),
charts with labels, legend and table, comments masked, small groups hidden, exports for a French spreadsheet."""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select

from storage.models import AuditEntry
from tests.conftest import make_staff
from tests.support.surveys import surveyed_session
from tests.web.console.conftest import Desk
from tests.web.console.results_scene import (
    COORDINATOR,
    FACILITATOR_A,
    FACILITATOR_B,
    MEDIATOR,
    PHONE,
    SECRET,
    answered_session,
    paris,
    small_session,
    three_months,
)

MASKED = "[téléphone masqué]"
NOVEMBER = "/results?survey=hot_evaluation&kind=info_meeting&from=2026-11&to=2026-11"


async def audit_rows(desk: Desk) -> list[tuple[str, str, dict[str, Any]]]:
    async with desk.db.unit_of_work() as session:
        found = (await session.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars().all()
    return [(a.actor, a.action, a.detail) for a in found]


def survey_part(page: str) -> str:
    """What a results page shows of the results (without the filters form, the notices and the export links)."""
    found = re.search(r'<section class="survey".*?</section>\s*(?=<ul class="downloads">)', page, re.S)
    assert found is not None
    return " ".join(re.sub(r'<p class="notice">.*?</p>', "", found.group(0), flags=re.S).split())


async def test_a_facilitator_reads_the_results_of_a_session_they_follow(desk: Desk) -> None:
    await make_staff(desk.db, FACILITATOR_A, "facilitator")
    meeting_id = await answered_session(desk.db)
    signed = await desk.sign_in(FACILITATOR_A, "facilitator")
    page = await signed.get(f"/sessions/{meeting_id}/results")
    assert page.status_code == 200
    text = page.text
    assert f'href="/sessions/{meeting_id}"' in text and "Retour à la rencontre" in text
    assert (
        "Personnes invitées : 5 · répondants : 5 · taux de réponse : 100 % (arrondi par groupes de 5)" in text
    )  # whole groups of 5
    assert "réponses reçues" not in text  # the 6th answer is not seen arriving
    assert "5 réponses · moyenne : 4</p>" in text  # the 6th answer waits for its group of 5
    assert "5 réponses · moyenne : 7,8 · médiane : 9 · NPS : +40" in text  # the 0–10 scale in words
    # A chart per question, readable without colour: full labels, legend with percentages, a table under it.
    assert text.count('role="img"') == 4 and text.count("<table") == 5
    assert 'aria-labelledby="chart-hot_evaluation-overall-title chart-hot_evaluation-overall-desc"' in text
    assert '<title id="chart-hot_evaluation-clarity-title">Clarté</title>' in text
    assert ">5 — Très claires — 40 % (2)</text>" in text  # legend: the option's full label
    assert ">Très bien — 40 % (2)</text>" in text  # the faces named in words
    assert '">Réponses à « Utile »</caption>' in text  # the caption names the table and its scrolling box
    assert '<tr><th scope="row">En partie</th><td>1</td><td>20 %</td></tr>' in text
    # Comments without a name, the phone number masked.
    assert f"« <bdi>Rappelez-moi au {MASKED}</bdi> »" in text and PHONE not in text
    assert "« <bdi>Très clair, merci</bdi> »" in text
    assert f"/sessions/{meeting_id}/results.csv?survey=hot_evaluation" in text
    assert (FACILITATOR_A_LABEL, "read_survey_results", {"meeting": meeting_id}) in await audit_rows(desk)


FACILITATOR_A_LABEL = f"telegram:{FACILITATOR_A}"


async def test_one_view_of_a_session_s_results_is_one_audit_row(desk: Desk) -> None:
    await make_staff(desk.db, FACILITATOR_A, "facilitator")
    meeting_id = await answered_session(desk.db)
    signed = await desk.sign_in(FACILITATOR_A, "facilitator")
    before = len(await audit_rows(desk))
    assert (await signed.get(f"/sessions/{meeting_id}/results")).status_code == 200
    added = (await audit_rows(desk))[before:]
    reads = [row for row in added if row[1] == "read_survey_results"]
    assert reads == [(FACILITATOR_A_LABEL, "read_survey_results", {"meeting": meeting_id})]


async def test_the_console_in_english_names_answers_in_english(desk: Desk) -> None:
    meeting_id = await answered_session(desk.db, followed_by=None)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    await signed.post("/language", {"language": "en", "back": "/"})
    page = await signed.get(f"/sessions/{meeting_id}/results")
    assert page.status_code == 200
    assert ">Very good — 40% (2)</text>" in page.text
    assert "[phone number hidden]" in page.text and PHONE not in page.text


async def test_a_session_with_fewer_than_5_respondents_shows_only_its_counts(desk: Desk) -> None:
    meeting_id = await small_session(desk.db)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    page = await signed.get(f"/sessions/{meeting_id}/results")
    assert page.status_code == 200
    assert "Personnes invitées" not in page.text  # a session not counted: no count that one answer moves
    assert "Moins de 5 répondants : le détail est masqué pour que personne ne soit reconnaissable." in page.text
    assert SECRET not in page.text and 'role="img"' not in page.text
    exported = await signed.get(f"/sessions/{meeting_id}/results.csv?survey=hot_evaluation")
    assert SECRET.encode() not in exported.content
    assert exported.status_code == 303  # no file without answers: the page says why (test_empty_exports.py)


async def test_who_may_read_a_sessions_results(desk: Desk) -> None:
    await make_staff(desk.db, FACILITATOR_A, "facilitator")
    meeting_id = await answered_session(desk.db)
    other = await desk.sign_in(FACILITATOR_B, "facilitator")
    for path in (f"/sessions/{meeting_id}/results", f"/sessions/{meeting_id}/results.csv"):
        refused = await other.get(path)
        assert refused.status_code == 403 and "n'est pas l'une des vôtres" in refused.text
        assert PHONE not in refused.text and MASKED not in refused.text
    mediator = await desk.sign_in(MEDIATOR, "mediator")
    assert (await mediator.get(f"/sessions/{meeting_id}/results")).status_code == 403
    assert (await desk.browser().get(f"/sessions/{meeting_id}/results")).status_code == 403
    assert (await desk.browser().get(f"/sessions/{meeting_id}/results.xlsx")).status_code == 403
    coordinator = await desk.sign_in(COORDINATOR, "coordinator")
    assert (await coordinator.get(f"/sessions/{meeting_id}/results")).status_code == 200
    assert (await coordinator.get(f"/sessions/{meeting_id + 99}/results")).status_code == 404
    assert (await coordinator.get(f"/sessions/{meeting_id}/results.csv?survey=nope")).status_code == 404
    reads = [a for a in await audit_rows(desk) if a[1] in ("read_survey_results", "export_survey_results")]
    assert {actor for actor, _, _ in reads} == {f"telegram:{COORDINATOR}"}  # refusals read nothing


async def test_results_pages_are_read_only(desk: Desk) -> None:
    meeting_id = await answered_session(desk.db, followed_by=None)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    assert (await signed.post(f"/sessions/{meeting_id}/results")).status_code == 405
    assert (await signed.post("/results")).status_code == 405
    assert (await signed.client.post("/results", data={})).status_code == 405


async def test_session_exports_open_in_a_french_spreadsheet_and_are_audited(desk: Desk) -> None:
    await make_staff(desk.db, FACILITATOR_A, "facilitator")
    meeting_id = await answered_session(desk.db)
    signed = await desk.sign_in(FACILITATOR_A, "facilitator")
    exported = await signed.get(f"/sessions/{meeting_id}/results.csv?survey=hot_evaluation")
    assert exported.status_code == 200
    assert exported.headers["content-disposition"] == (
        f'attachment; filename="resultats-hot_evaluation-rencontre-{meeting_id}.csv"'
    )
    body = exported.content
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0] == "Question;Réponse;Nombre;Pourcentage;Réponses à la question;Moyenne;Médiane;NPS"
    assert "Dans l'ensemble;Très bien;2;40,0;5;4,0;4,0;" in lines  # labels, not codes; decimal comma
    assert "Utile;En partie;1;20,0;5;;;" in lines  # the 5 answers counted (the 6th waits for its group)
    assert "Recommandation;10;2;40,0;5;7,8;9,0;40" in lines
    assert f"Commentaire;Rappelez-moi au {MASKED};;;;;;" in lines and PHONE.encode() not in body
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert {len(row) for row in rows} == {8}

    workbook = await signed.get(f"/sessions/{meeting_id}/results.xlsx?survey=hot_evaluation")
    assert workbook.headers["content-disposition"].endswith(f'-rencontre-{meeting_id}.xlsx"')
    book = load_workbook(io.BytesIO(workbook.content))
    assert book.sheetnames == ["Résultats", "Commentaires", "Synthèse"]
    results = [list(r) for r in book["Résultats"].iter_rows(values_only=True)]
    assert ["Utile", "Oui", 3, 60, 5, None, None, None] in results
    comments = [r[0] for r in book["Commentaires"].iter_rows(values_only=True)]
    assert comments == ["Commentaire", f"Rappelez-moi au {MASKED}", "Très clair, merci"]
    summary = {r[0]: r[1] for r in book["Synthèse"].iter_rows(values_only=True)}
    assert "Répondants" not in summary  # 6 answered: the 6th waits for its group, not even counted
    assert summary["Personnes invitées"] == 5 and summary["Taux de réponse (%)"] == 100  # 8 invited: whole groups
    assert summary["Réponses comptées dans les résultats (par groupes de 5)"] == 5
    exports = [a[2] for a in await audit_rows(desk) if a[1] == "export_survey_results"]
    assert exports == [
        {"via": "console", "survey": "hot_evaluation", "meeting": meeting_id, "format": "csv"},
        {"via": "console", "survey": "hot_evaluation", "meeting": meeting_id, "format": "xlsx"},
    ]


async def test_a_coordinator_reads_results_by_kind_over_whole_months(desk: Desk) -> None:
    await answered_session(desk.db, followed_by=None)
    await small_session(desk.db)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    page = await signed.get(NOVEMBER)
    assert page.status_code == 200
    text = page.text
    assert 'href="/results" aria-current="page"' in text  # the menu entry
    assert '<label for="from">Du mois' in text and 'type="month" id="from" name="from" value="2026-11"' in text
    assert '<p class="period">Période : novembre 2026 – novembre 2026</p>' in text  # the months in words
    assert "1 rencontre comptée · personnes invitées : 5 · répondants : 5 · taux de réponse : 100 %" in text
    assert "1 rencontre de moins de 5 répondants n'est pas comptée : ni ses réponses ni ses chiffres" in text
    assert "répondants : 8" not in text and "invitées : 11" not in text  # the small session's people are not added
    assert SECRET not in text and f"« <bdi>Rappelez-moi au {MASKED}</bdi> »" in text
    assert text.count('role="img"') == 4
    audit = await audit_rows(desk)
    assert audit[-1][:2] == (f"telegram:{COORDINATOR}", "read_survey_results")

    exported = await signed.get(NOVEMBER.replace("/results?", "/results.csv?"))
    assert exported.status_code == 200 and exported.content.startswith(b"\xef\xbb\xbf")
    assert exported.headers["content-disposition"] == (
        'attachment; filename="resultats-hot_evaluation-info_meeting-2026-11-2026-11.csv"'
    )
    assert SECRET.encode() not in exported.content and PHONE.encode() not in exported.content
    workbook = await signed.get(NOVEMBER.replace("/results?", "/results.xlsx?"))
    summary = {r[0]: r[1] for r in load_workbook(io.BytesIO(workbook.content))["Synthèse"].iter_rows(values_only=True)}
    assert summary["Rencontres non comptées (moins de 5 répondants)"] == 1 and summary["Répondants"] == 5
    exports = [a[2] for a in await audit_rows(desk) if a[1] == "export_survey_results"]
    assert [e["format"] for e in exports] == ["csv", "xlsx"]
    assert exports[0] == {
        "via": "console",
        "survey": "hot_evaluation",
        "kind": "info_meeting",
        "first": "2026-11",
        "last": "2026-11",
        "format": "csv",
    }


async def test_subtracting_two_periods_reveals_nothing_of_a_small_month(desk: Desk) -> None:
    """January–March minus January–February would be March alone, where 2 people answered: nothing of them shows."""
    await three_months(desk.db)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    base = "/results?survey=hot_evaluation&kind=info_meeting&from=2026-01"
    to_march, to_february = await signed.get(f"{base}&to=2026-03"), await signed.get(f"{base}&to=2026-02")
    assert to_march.status_code == to_february.status_code == 200
    assert survey_part(to_march.text) == survey_part(to_february.text)
    assert "2 rencontres comptées · personnes invitées : 10 · répondants : 10" in to_march.text
    assert "1 rencontre de moins de 5 répondants n'est pas comptée" in to_march.text
    march_alone = await signed.get("/results?survey=hot_evaluation&kind=info_meeting&from=2026-03&to=2026-03")
    assert "Aucune rencontre d'au moins 5 répondants sur cette période" in march_alone.text
    assert "taux de réponse" not in march_alone.text  # no « 0 rencontre comptée · … taux de réponse : 0 % »
    for page in (to_march, march_alone):
        assert SECRET not in page.text and "répondants : 2" not in page.text and "(n = 2)" not in page.text
    march_csv = await signed.get("/results.csv?survey=hot_evaluation&kind=info_meeting&from=2026-03&to=2026-03")
    assert SECRET.encode() not in march_csv.content and march_csv.status_code == 303  # no file, said why
    wider = await signed.get(f"{base.replace('/results?', '/results.csv?')}&to=2026-03")
    narrower = await signed.get(f"{base.replace('/results?', '/results.csv?')}&to=2026-02")
    assert wider.content == narrower.content


async def test_periods_are_whole_months_and_checked(desk: Desk) -> None:
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    day = await signed.get("/results?kind=info_meeting&from=2026-03-01&to=2026-03")
    assert day.status_code == 400
    assert "« 2026-03-01 » est un jour : les résultats couvrent des mois entiers" in day.text
    assert 'role="alert"' in day.text
    wrong = await signed.get("/results?kind=info_meeting&from=mars&to=2026-03")
    assert "« mars » n&#39;est pas un mois : écrivez-le AAAA-MM" in wrong.text
    backwards = await signed.get("/results?kind=info_meeting&from=2026-04&to=2026-03")
    assert "Le premier mois (avril 2026) est après le dernier (mars 2026)." in backwards.text
    await signed.post("/language", {"language": "en", "back": "/"})
    english = html.unescape((await signed.get("/results?kind=info_meeting&from=2026-04&to=2026-03")).text)
    assert "(April 2026)" in english and "(March 2026)" in english and "(2026-04)" not in english
    await signed.post("/language", {"language": "fr", "back": "/"})
    unknown = await signed.get("/results?kind=garden&survey=hot_evaluation&from=2026-01&to=2026-03")
    assert "Choisissez un type de rencontre de la liste." in unknown.text
    assert (await signed.get("/results.csv?kind=info_meeting&from=2026-03-01&to=2026-03")).status_code == 404
    assert [a for a in await audit_rows(desk) if a[1] != "grant_role"] == []  # nothing read, nothing audited
    default = await signed.get("/results")
    assert default.status_code == 200 and 'value="2026-01"' in default.text and 'value="2026-11"' in default.text


async def test_who_may_read_results_by_kind(desk: Desk) -> None:
    for telegram_id, role in ((FACILITATOR_A, "facilitator"), (MEDIATOR, "mediator")):
        signed = await desk.sign_in(telegram_id, role)
        for path in (NOVEMBER, NOVEMBER.replace("/results?", "/results.csv?")):
            refused = await signed.get(path)
            assert refused.status_code == 403 and "Votre rôle ne donne pas accès à cette page." in refused.text
        home = await signed.get("/")
        assert 'href="/results"' not in home.text and 'href="/report"' not in home.text
    assert (await desk.browser().get(NOVEMBER)).status_code == 403
    assert (await desk.browser().get(NOVEMBER.replace("/results?", "/results.xlsx?"))).status_code == 403
    coordinator = await desk.sign_in(COORDINATOR, "coordinator")
    home = await coordinator.get("/")
    assert 'href="/results"' in home.text and 'href="/report"' in home.text


async def test_the_page_lists_the_latest_50_comments_and_the_export_every_one(desk: Desk) -> None:
    async with desk.db.unit_of_work() as session:
        for day in range(1, 12):  # 11 sessions of 5 respondents: 55 comments
            answers = [{"overall": 4, "comment": f"jour {day:02d} avis {n}"} for n in range(5)]
            await surveyed_session(session, paris(2026, 11, day, 14), answers)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    page = (await signed.get(NOVEMBER)).text
    assert page.count("« <bdi>jour ") == 50 and "« <bdi>jour 01 avis" not in page  # the oldest session's are left out
    assert "Commentaires plus anciens non affichés : 5. L&#39;export (CSV ou XLSX) les contient tous." in page
    exported = (await signed.get(NOVEMBER.replace("/results?", "/results.csv?"))).content.decode("utf-8-sig")
    assert exported.count("jour ") == 55
    reads = [detail for _, action, detail in await audit_rows(desk) if action == "read_survey_results"]
    assert reads[0] == {"survey": "hot_evaluation", "kind": "info_meeting", "first": "2026-11", "last": "2026-11"} | {
        "sessions": 11  # the selection and how many sessions it holds, not each session's number
    }


async def test_a_month_of_a_year_no_result_can_reach_is_refused_in_words(desk: Desk) -> None:
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    for first, last in (("0000-01", "2026-03"), ("2026-01", "9999-12")):
        wanted = {"kind": "info_meeting", "from": first, "to": last}
        page = await signed.get("/results", params=wanted)
        assert page.status_code == 400
        wrong = first if first.startswith("0") else last
        assert f"« {wrong} » n'est pas un mois : écrivez-le AAAA-MM" in html.unescape(page.text)
        assert (await signed.get("/results.csv", params=wanted)).status_code == 404


async def test_results_without_a_counted_session_give_no_rate(desk: Desk) -> None:
    """A session where 2 of 3 people answered, alone in its month: its page and the page of its kind give no
    « taux de réponse : 0 % » (0 invited, 0 respondents), but that no answer is counted yet; no workbook either."""
    meeting_id = await small_session(desk.db)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    for address in (f"/sessions/{meeting_id}/results", NOVEMBER):
        page = html.unescape((await signed.get(address)).text)
        assert "taux de réponse" not in page and "invitées : 0" not in page, address
        assert "pour que personne ne soit reconnaissable" in page, address
    for address in (f"/sessions/{meeting_id}/results.xlsx?survey=hot_evaluation", NOVEMBER.replace("?", ".xlsx?")):
        refused = await signed.get(address)
        back = html.unescape((await signed.get(refused.headers["location"])).text)
        assert "les résultats restent cachés pour protéger l'anonymat" in back, address


async def test_comments_and_chart_descriptions_read_in_english_typography(desk: Desk) -> None:
    """In English, comments are quoted “…” and a chart's description (read by screen readers) separates answers with
    "; ", as English writes them; French keeps « … » and " ; "."""
    meeting_id = await answered_session(desk.db, followed_by=None)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    french = html.unescape((await signed.get(f"/sessions/{meeting_id}/results")).text)
    assert "<li>« <bdi>Très clair, merci</bdi> »</li>" in french
    assert "Très mal — 0 % (0) ; Plutôt mal — 20 % (1) ;" in french
    await signed.post("/language", {"language": "en", "back": "/"})
    english = html.unescape((await signed.get(f"/sessions/{meeting_id}/results")).text)
    assert "<li>“<bdi>Très clair, merci</bdi>”</li>" in english
    assert "Very bad — 0% (0); Quite bad — 20% (1); Okay" in english
    assert "«" not in english and " ; " not in english
