"""The yearly report in the console: coordinators only, in the console's language, as a page, XLSX and PDF, audited."""

from __future__ import annotations

import html
import io
import re
from datetime import timedelta
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select

from storage.db import Database
from storage.meetings import move_meeting, register, set_attendance
from storage.models import AuditEntry, Person
from tests.conftest import NOW
from tests.support.grids import forget, grid_results
from tests.support.records import a_meeting, a_person, registered_on
from tests.web.console.conftest import Desk
from tests.web.console.results_scene import COORDINATOR, FACILITATOR_A, MEDIATOR, answered_session, paris


async def attended(db: Database, present: int) -> None:
    """An information meeting on 5 October 2026 where `present` people came (and one did not)."""
    async with db.unit_of_work() as session:
        starts = paris(2026, 10, 5, 14)
        meeting = await a_meeting(session, NOW + timedelta(days=1), capacity=present + 1)
        for n in range(present + 1):
            booking = await register(session, meeting.id, (await a_person(session, 60_000 + n)).id, NOW)
            assert booking.registration is not None
            await set_attendance(session, booking.registration, "present" if n < present else "absent")
        await move_meeting(session, meeting, starts, starts + timedelta(hours=2))


async def audit_rows(desk: Desk) -> list[tuple[str, dict[str, Any]]]:
    async with desk.db.unit_of_work() as session:
        found = (await session.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars().all()
    return [(a.action, a.detail) for a in found if a.action.endswith("yearly_report")]


def cells(page: str) -> list[tuple[str, str]]:
    """The indicators a reader sees: each row's label and value."""
    return re.findall(r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td>', page)


async def test_the_report_page_shows_the_indicators_of_the_year(desk: Desk) -> None:
    await attended(desk.db, present=6)
    await answered_session(desk.db, followed_by=None)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    page = await signed.get("/report?year=2026")
    assert page.status_code == 200
    assert '<label for="year">Année</label>' in page.text and '<option value="2026" selected>' in page.text
    assert "<h2>faire-lien — indicateurs 2026</h2>" in page.text
    for n, caption in enumerate(
        ("Personnes", "Rencontres tenues, par type", "Présence aux rencontres", "Votre avis sur la rencontre"), 1
    ):
        assert f'<caption id="t-report-{n}">{caption}</caption>' in page.text
    shown = cells(page.text)
    assert ("Personnes venues aux rencontres collectives", "5") in shown  # 6 people, in whole groups of 5
    assert ("Réunion d&#39;information", "2") in shown
    assert ("Présentes, parmi les personnes inscrites dont la présence a été notée", "100 %") in shown  # 5 of 5
    assert ("Taux de réponse", "100 %") in shown  # 5 counted of 8 invited, in whole groups of 5: 5/5
    assert ("Dans l&#39;ensemble", "moyenne 4") in shown  # 5 of the 6 answers: the 6th waits for its group of 5
    assert ("Utile", "60 % : Oui") in shown
    assert ("Personnes aidées individuellement (droits, grilles, demandes)", "&lt; 5") in shown  # none
    assert 'href="/report.pdf?year=2026"' in page.text and 'href="/report.xlsx?year=2026"' in page.text
    assert await audit_rows(desk) == [("read_yearly_report", {"year": 2026})]


def indicator_rows(page: str) -> list[tuple[str, ...]]:
    """Each indicator as a reader sees it: label, value, n and note."""
    return re.findall(r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>', page)


async def test_one_person_erased_changes_no_figure_of_the_report(desk: Desk) -> None:
    """People helped, people who came and attendance read in whole groups of 5: a person who uses /forget (someone
    who came, someone marked absent, someone helped) moves no figure, so two readings do not say what they did."""
    await attended(desk.db, present=7)  # and one marked absent: 8 marks
    helped = await grid_results(desk.db, "support", 6, at=NOW - timedelta(days=40))
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    page = await signed.get("/report?year=2026")
    before = indicator_rows(page.text)
    groups = "par groupes de 5 (arrondi au multiple inférieur)"
    assert ("Personnes aidées individuellement (droits, grilles, demandes)", "5", "", groups) in before  # 6 people
    assert ("Personnes venues aux rencontres collectives", "5", "", groups) in before  # 7 people
    presence = "Présentes, parmi les personnes inscrites dont la présence a été notée"
    assert (presence, "100 %", "5", groups) in before  # 7 present of 8 marked, in whole groups of 5: 5 of 5
    assert "Les nombres de personnes sont donnés par groupes de 5" in html.unescape(page.text)
    async with desk.db.unit_of_work() as session:
        came = await session.scalar(select(Person.id).where(Person.telegram_id == 60_000))
        absent = await session.scalar(select(Person.id).where(Person.telegram_id == 60_007))
    assert came is not None and absent is not None
    for person in (came, absent, helped[0]):
        await forget(desk.db, person)
        assert indicator_rows((await signed.get("/report?year=2026")).text) == before


async def test_a_small_group_reads_less_than_5(desk: Desk) -> None:
    await attended(desk.db, present=3)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    shown = cells((await signed.get("/report?year=2026")).text)
    assert ("Personnes venues aux rencontres collectives", "&lt; 5") in shown
    assert ("Présentes, parmi les personnes inscrites dont la présence a été notée", "&lt; 5") in shown


async def test_the_report_in_english(desk: Desk) -> None:
    await attended(desk.db, present=6)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    await signed.post("/language", {"language": "en", "back": "/report"})
    page = await signed.get("/report?year=2026")
    assert ("People who came to collective sessions", "5") in cells(page.text)
    assert ("Present, among registered people whose attendance was marked", "100%") in cells(page.text)
    book = load_workbook(io.BytesIO((await signed.get("/report.xlsx?year=2026")).content))
    assert [c.value for c in book["2026"][1]] == ["Section", "Indicator", "Value", "n", "Note", "Value as shown"]


async def test_the_workbooks_figures_add_up_in_a_spreadsheet(desk: Desk) -> None:
    """Counts are whole numbers, shares percentages and means decimals a spreadsheet can sum; a group of fewer than 5
    people keeps its « < 5 »; the last column writes each value as the page does."""
    await attended(desk.db, present=6)
    await answered_session(desk.db, followed_by=None)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    sheet = load_workbook(io.BytesIO((await signed.get("/report.xlsx?year=2026")).content))["2026"]
    found: dict[str, Any] = {}
    for row in sheet.iter_rows(min_row=2):
        found.setdefault(row[1].value, row)  # the hot evaluation's rate before any later survey's
    came = found["Personnes venues aux rencontres collectives"]
    assert (came[2].value, came[2].data_type, came[2].number_format) == (5, "n", "#,##0")
    present = found["Présentes, parmi les personnes inscrites dont la présence a été notée"]
    assert (present[2].value, present[2].data_type, present[2].number_format) == (1, "n", "0.0%")  # 5 of 5
    assert (present[3].value, present[3].data_type, present[5].value) == (5, "n", "100 %")
    assert found["Réunion d'information"][2].data_type == "n"
    rate = found["Taux de réponse"]
    assert rate[2].data_type == "n" and rate[2].number_format == "0.0%" and rate[3].value == "5/5"
    mean = found["Dans l'ensemble"]
    assert (mean[2].data_type, mean[2].number_format) == ("n", "0.0") and mean[5].value.startswith("moyenne ")
    helped = found["Personnes aidées individuellement (droits, grilles, demandes)"]
    assert (helped[2].value, helped[2].data_type) == ("< 5", "s")


async def test_the_report_as_a_workbook_and_a_pdf(desk: Desk) -> None:
    await attended(desk.db, present=6)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    workbook = await signed.get("/report.xlsx?year=2026")
    assert workbook.status_code == 200
    assert workbook.headers["content-disposition"] == 'attachment; filename="rapport-annuel-2026.xlsx"'
    sheet = load_workbook(io.BytesIO(workbook.content))["2026"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Partie", "Indicateur", "Valeur", "n", "Remarque", "Valeur affichée"]
    groups = "par groupes de 5 (arrondi au multiple inférieur)"
    assert ["Personnes", "Personnes venues aux rencontres collectives", 5, None, groups, "5"] in rows
    pdf = await signed.get("/report.pdf?year=2026")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == 'attachment; filename="rapport-annuel-2026.pdf"'
    assert pdf.content.startswith(b"%PDF-") and pdf.content.rstrip().endswith(b"%%EOF")
    assert b"/Count 1" in pdf.content  # one A4 page
    assert await audit_rows(desk) == [
        ("read_yearly_report", {"year": 2026}),
        ("export_yearly_report", {"via": "console", "year": 2026, "format": "xlsx"}),
        ("read_yearly_report", {"year": 2026}),
        ("export_yearly_report", {"via": "console", "year": 2026, "format": "pdf"}),
    ]


async def test_only_coordinators_read_the_report(desk: Desk) -> None:
    for telegram_id, role in ((FACILITATOR_A, "facilitator"), (MEDIATOR, "mediator")):
        signed = await desk.sign_in(telegram_id, role)
        for path in ("/report", "/report?year=2026", "/report.xlsx?year=2026", "/report.pdf?year=2026"):
            refused = await signed.get(path)
            assert refused.status_code == 403 and "Votre rôle ne donne pas accès à cette page." in refused.text
    for path in ("/report", "/report.pdf?year=2026"):
        assert (await desk.browser().get(path)).status_code == 403
    assert await audit_rows(desk) == []
    coordinator = await desk.sign_in(COORDINATOR, "coordinator")
    assert (await coordinator.post("/report")).status_code == 405
    assert (await coordinator.get("/report?year=1999")).status_code == 404
    assert (await coordinator.get("/report.pdf?year=abc")).status_code == 404
    default = await coordinator.get("/report")
    assert default.status_code == 200 and "<h2>faire-lien — indicateurs 2026</h2>" in default.text


async def test_a_year_outside_the_services_life_is_no_report(desk: Desk) -> None:
    """/report?year=1066, a workbook of 99999 or a PDF of 2024 (before the service's first registration) answer 404
    « Il n'y a pas de rapport pour cette année… » with the way back, and no audit row says a report was read; before,
    the page read « Cette page n'existe pas, ou plus. », as for a page that never was. Last year's report opens."""
    coordinator = await desk.sign_in(COORDINATOR, "coordinator")
    async with desk.db.unit_of_work() as session:
        await registered_on(session, paris(2025, 2, 3, 10))  # the service's first data
    for path in ("/report?year=1066", "/report.xlsx?year=99999", "/report.pdf?year=2024", "/report?year=2027"):
        refused = await coordinator.get(path)
        assert refused.status_code == 404, path
        said = html.unescape(refused.text)
        assert "Il n'y a pas de rapport pour cette année : le rapport annuel couvre les années" in said, path
        assert '<a href="/">Retour à l\'accueil de la console</a>' in said
    assert await audit_rows(desk) == []
    last_year = await coordinator.get("/report?year=2025")
    assert last_year.status_code == 200 and "<h2>faire-lien — indicateurs 2025</h2>" in last_year.text
    assert await audit_rows(desk) == [("read_yearly_report", {"year": 2025})]


def offered(page: str) -> list[str]:
    """The years of the report's year list, in order."""
    return re.findall(r'<option value="(\d+)"', page)


async def test_the_years_offered_begin_with_the_services_first_registration(desk: Desk) -> None:
    """First registered in 2025: the list holds 2026 and 2025; before, every year from 2024, whatever the data."""
    coordinator = await desk.sign_in(COORDINATOR, "coordinator")
    async with desk.db.unit_of_work() as session:
        await registered_on(session, paris(2025, 9, 1, 10))
    page = await coordinator.get("/report")
    assert page.status_code == 200 and offered(page.text) == ["2026", "2025"]


async def test_a_service_with_no_data_yet_is_offered_this_year_only(desk: Desk) -> None:
    coordinator = await desk.sign_in(COORDINATOR, "coordinator")
    page = await coordinator.get("/report")
    assert page.status_code == 200 and offered(page.text) == ["2026"]
    assert (await coordinator.get("/report?year=2025")).status_code == 404
