"""The audit journal: each action in words, Paris time, newest first, filterable, paginated, for coordinators."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from storage.audit import record
from storage.models import Registration
from storage.staff import active_member, rename
from tests.conftest import NOW
from tests.support.records import a_meeting, a_person
from tests.web.console.conftest import Desk


def rows(page: str) -> list[str]:
    """The journal's lines: time, then the sentence."""
    found = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", page, re.S)
    return [html.unescape(f"{when} | {what}") for when, what in found]


async def journal_rows(desk: Desk) -> None:
    """Marie (a named coordinator) read a roster; a mediator read a grid result three days earlier; a purge."""
    async with desk.db.unit_of_work() as session:
        marie = await active_member(session, 8301)
        assert marie is not None
        rename(session, marie, "Marie", "test", NOW)
        record(session, actor="telegram:8301", action="read_roster", at=NOW, detail={"meeting": 12})
        record(
            session,
            actor="telegram:8302",
            action="read_grid_result",
            at=NOW - timedelta(days=3),
            detail={"grid": "epices", "result": 4, "via": "console"},
        )
        record(
            session,
            actor="retention",
            action="purge",
            at=NOW - timedelta(days=10),
            detail={"before": (NOW - timedelta(days=730)).isoformat(), "people": 3, "deleted": 5},
        )


async def test_the_journal_speaks_in_words_and_local_time(desk: Desk) -> None:
    await desk.sign_in(8302, "mediator")
    signed = await desk.sign_in(8301, "coordinator")
    await journal_rows(desk)
    page = await signed.get("/team/audit")
    assert page.status_code == 200
    assert '<a href="/team/audit" aria-current="page">' in page.text and '<a href="/team">' in page.text
    lines = rows(page.text)
    assert lines[0] == "22/11/2026 11:00 | Marie (coordination) a consulté la liste des inscrits de la rencontre n° 12."
    assert lines[1] == "22/11/2026 11:00 | test (serveur) a changé le nom affiché de Marie (coordination)."
    assert "22/11/2026 11:00 | test (serveur) a donné le rôle « médiation » à Telegram 8302 (médiation)." in lines
    grid, purge = lines[-2:]
    assert grid == (
        "19/11/2026 11:00 | Telegram 8302 (médiation) a consulté un résultat de la grille "
        "« Questionnaire EPICES » (personne effacée depuis)."
    )
    assert purge == (
        "12/11/2026 11:00 | La purge automatique a anonymisé les données antérieures au 22 nov. 2024 ; "
        "personnes concernées : 3."
    )
    assert "read_roster" not in lines[0]


async def test_the_journal_filters_by_actor_action_and_days(desk: Desk) -> None:
    await desk.sign_in(8302, "mediator")
    signed = await desk.sign_in(8301, "coordinator")
    await journal_rows(desk)
    page = html.unescape((await signed.get("/team/audit")).text)
    assert '<option value="telegram:8301">Marie (coordination)</option>' in page
    assert '<option value="read_grid_result">Résultat de grille consulté</option>' in page
    by_actor = rows((await signed.get("/team/audit", params={"actor": "telegram:8302"})).text)
    assert len(by_actor) == 1 and "Telegram 8302 (médiation)" in by_actor[0]
    by_action = rows((await signed.get("/team/audit", params={"action": "read_roster"})).text)
    assert len(by_action) == 1 and "rencontre n° 12" in by_action[0]
    by_days = rows((await signed.get("/team/audit", params={"from": "2026-11-18", "to": "2026-11-19"})).text)
    assert len(by_days) == 1 and "grille" in by_days[0]
    one_day = rows((await signed.get("/team/audit", params={"from": "2026-11-22", "to": "2026-11-22"})).text)
    assert any("rencontre n° 12" in line for line in one_day) and not any("grille" in line for line in one_day)
    nothing = await signed.get("/team/audit", params={"actor": "telegram:8302", "action": "read_roster"})
    assert "Aucune action ne correspond à ces critères." in nothing.text
    wrong = html.unescape((await signed.get("/team/audit", params={"from": "hier"})).text)
    assert "« hier » n'est pas une date" in wrong
    backwards = html.unescape((await signed.get("/team/audit", params={"from": "2026-11-22", "to": "2026-11-01"})).text)
    assert "La date de début est après la date de fin." in backwards


async def test_the_journal_is_paginated_newest_first(desk: Desk) -> None:
    signed = await desk.sign_in(8311, "coordinator")
    async with desk.db.unit_of_work() as session:
        for n in range(60):
            record(
                session,
                actor="telegram:8311",
                action="read_roster",
                at=NOW - timedelta(minutes=n),
                detail={"meeting": n},
            )
    first = await signed.get("/team/audit", params={"action": "read_roster"})
    lines = rows(first.text)
    assert len(lines) == 50 and "rencontre n° 0." in lines[0] and "rencontre n° 49." in lines[-1]
    assert "Page 1 sur 2" in first.text and "60 actions trouvées" in html.unescape(first.text)
    link = re.search(r'href="(/team/audit\?[^"]+)" rel="next"', first.text)
    assert link is not None and "action=read_roster" in html.unescape(link.group(1))
    second = rows((await signed.get(html.unescape(link.group(1)))).text)
    assert len(second) == 10 and "rencontre n° 59." in second[-1]
    beyond = rows((await signed.get("/team/audit", params={"action": "read_roster", "page": "99"})).text)
    assert beyond == second


async def test_the_journal_is_for_coordinators_only(desk: Desk) -> None:
    facilitator = await desk.sign_in(8321, "facilitator")
    assert (await facilitator.get("/team/audit")).status_code == 403
    mediator = await desk.sign_in(8322, "mediator")
    assert (await mediator.get("/team/audit")).status_code == 403
    assert (await desk.browser().get("/team/audit")).status_code == 403
    home = await facilitator.get("/")
    assert 'href="/team/audit"' not in home.text and 'href="/health"' in home.text


async def test_a_day_outside_the_calendar_it_can_count_is_refused_in_words(desk: Desk) -> None:
    signed = await desk.sign_in(8321, "coordinator")
    for field, value in (("to", "9999-12-31"), ("from", "0001-01-01")):
        page = await signed.get("/team/audit", params={field: value})
        assert page.status_code == 200
        assert f"« {value} » n'est pas une date : choisissez un jour (AAAA-MM-JJ)." in html.unescape(page.text)


async def test_a_filter_carrying_a_nul_character_is_refused_in_words(desk: Desk) -> None:
    signed = await desk.sign_in(8322, "coordinator")
    for query in ("actor=telegram%3A8322%00", "action=%00", "from=2026-11-01%00"):
        page = await signed.get(f"/team/audit?{query}")
        assert page.status_code == 400 and "Cette valeur n'est pas valide." in html.unescape(page.text), query


async def test_the_journal_names_a_booking_by_its_code_and_whom_each_read_was_about(desk: Desk) -> None:
    signed = await desk.sign_in(8311, "coordinator")
    async with desk.db.unit_of_work() as session:
        person = await a_person(session, 53, id=4242)
        meeting = await a_meeting(session)
        booked = Registration(
            id=777,
            meeting_id=meeting.id,
            person_id=person.id,
            status="registered",
            code="K7P2QX",
            created_at=NOW,
            updated_at=NOW,
        )
        session.add(booked)
        await session.flush()
        about = {"person_id": person.id, "at": NOW, "actor": "telegram:8311"}
        record(session, action="mark_attendance", detail={"registration": 777, "attendance": "present"}, **about)
        record(session, action="read_grid_result", detail={"grid": "epices", "result": 555}, **about)
        record(session, action="mark_attendance", detail={"registration": 778, "attendance": "absent"}, **about)
    text = "\n".join(rows((await signed.get("/team/audit")).text))
    assert "a noté « présent·e » pour la réservation K7P2QX." in text
    assert "a noté « absent·e » pour la réservation effacée depuis." in text
    assert "a consulté un résultat de la grille « Questionnaire EPICES » (personne n° 4242)." in text
    assert "777" not in text and "555" not in text


async def test_a_name_with_an_override_cannot_reorder_its_journal_sentence(desk: Desk) -> None:
    """A display name stored with an open U+202E (before names were cleaned) and an operator name typed with one
    (`--staff`) read between FSI and PDI, the override closed right after the name: the rest of the sentence keeps
    its order; a plain name is written as it was."""
    signed = await desk.sign_in(8301, "coordinator")
    async with desk.db.unit_of_work() as session:
        marie = await active_member(session, 8301)
        assert marie is not None
        rename(session, marie, "\u202eABC", "test", NOW)
        record(session, actor="telegram:8301", action="read_roster", at=NOW, detail={"meeting": 12})
        record(session, actor="console:\u202eroot", action="read_yearly_report", at=NOW, detail={"year": 2026})
    lines = rows((await signed.get("/team/audit")).text)
    assert lines[0] == ("22/11/2026 11:00 | \u2068\u202eroot\u202c\u2069 (serveur) a consulté le rapport annuel 2026.")
    assert lines[1] == (
        "22/11/2026 11:00 | \u2068\u202eABC\u202c\u2069 (coordination) a consulté la liste des inscrits "
        "de la rencontre n° 12."
    )
    assert "22/11/2026 11:00 | test (serveur) a donné le rôle « coordination » à " in "\n".join(lines)


async def test_results_read_over_months_name_the_kind_of_session_in_words(desk: Desk) -> None:
    """A coordinator reads and exports the results of the information meetings over months: the journal names the
    kind as the results page does ("Réunion d'information", "Information meeting"), not by its code."""
    signed = await desk.sign_in(8301, "coordinator")
    period = "survey=hot_evaluation&kind=info_meeting&from=2026-01&to=2026-03"
    assert (await signed.get(f"/results?{period}")).status_code == 200
    exported = await signed.get(f"/results.csv?{period}")
    assert exported.status_code == 303  # nobody answered: no file, the page says why; the attempt is journaled
    french = "\n".join(rows((await signed.get("/team/audit")).text))
    assert "des rencontres « Réunion d'information » sur la période janvier 2026 – mars 2026" in french
    assert (
        "a demandé un export (CSV) des résultats du questionnaire « Votre avis sur la rencontre » des rencontres "
        "« Réunion d'information » sur la période janvier 2026 – mars 2026 : rien à exporter, aucun fichier donné."
    ) in french
    assert "a exporté" not in french
    assert "info_meeting" not in french
    await signed.post("/language", {"language": "en", "back": "/"})
    english = "\n".join(rows((await signed.get("/team/audit")).text))
    assert "for “Information meeting” sessions from January 2026 to March 2026" in english
    assert "info_meeting" not in english


async def test_counts_in_sentences_are_grouped_as_the_page_s_language_writes_them(desk: Desk) -> None:
    """A journal of 1 234 actions says so with the thousands grouped as French (« 1 234 ») and English ("1,234")
    write them, as every count a console sentence gives."""
    signed = await desk.sign_in(8301, "coordinator")
    async with desk.db.unit_of_work() as session:
        for n in range(1233):  # the sign-in's own row makes 1 234
            record(session, actor="telegram:8301", action="read_roster", at=NOW, detail={"meeting": n})
    french = html.unescape((await signed.get("/team/audit")).text)
    assert "1\u202f234 actions trouvées" in french, re.findall(r"\S+ actions trouvées", french)
    await signed.post("/language", {"language": "en", "back": "/"})
    assert "1,234 actions found" in html.unescape((await signed.get("/team/audit")).text)
