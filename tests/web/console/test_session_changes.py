"""Editing, moving and cancelling a session from the console: clear problems, and everyone concerned is told."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any

from storage.meetings import get_meeting
from storage.models import Meeting
from tests.support.console_sessions import a_followed_session, people_on, queued_kinds
from tests.web.console.conftest import Desk

EDIT: dict[str, Any] = {
    "title_fr": "Réunion C2S",
    "title_en": "C2S meeting",
    "place": "CPAM Poitiers",
    "address": "41 rue Touffenet, 86000 Poitiers",
    "access_notes": "",
    "capacity": "2",
    "min_size": "",
    "languages": ["fr"],
}


SEEN = re.compile(r'name="seen" value="([^"]*)"')


def seen(page: str) -> str:
    """The session's values the edit form was opened with, as the browser sends them back."""
    found = SEEN.search(page)
    assert found is not None
    return html.unescape(found.group(1))


async def meeting(desk: Desk, meeting_id: int) -> Meeting:
    async with desk.db.unit_of_work() as session:
        found = await get_meeting(session, meeting_id)
        assert found is not None
        return found


async def test_the_edit_form_holds_the_current_values(desk: Desk) -> None:
    signed = await desk.sign_in(8301, "facilitator")
    meeting_id = await a_followed_session(
        desk.db, 8301, title={"fr": "Réunion C2S", "ar": "اجتماع", "wo": "Ndaje"}, capacity=7, languages=["fr", "wo"]
    )
    page = await signed.get(f"/sessions/{meeting_id}/edit")
    assert page.status_code == 200
    assert 'name="languages" value="wo" id="f-languages-wo" checked' in page.text  # a language the bot has not
    assert 'name="title_wo"' not in page.text
    assert 'name="title_ar" value="اجتماع" lang="ar" dir="rtl"' in page.text
    assert 'name="capacity" value="7"' in page.text
    assert "mercredi" not in page.text and "25 nov. 2026 · 11:00–13:00" in page.text


async def test_fewer_seats_than_taken_is_a_clear_problem_and_nothing_changes(desk: Desk) -> None:
    signed = await desk.sign_in(8302, "facilitator")
    meeting_id = await a_followed_session(desk.db, 8302, capacity=3)
    await people_on(desk.db, meeting_id, 3)
    page = await signed.post(f"/sessions/{meeting_id}/edit", {**EDIT, "capacity": "2", "place": "Ailleurs"})
    assert page.status_code == 400
    assert "3 places sont déjà prises" in page.text and "ne peut pas descendre en dessous" in page.text
    assert 'value="Ailleurs"' in page.text
    assert (await meeting(desk, meeting_id)).place == "CPAM Poitiers"
    empty = await signed.post(f"/sessions/{meeting_id}/edit", {**EDIT, "title_fr": "", "capacity": "3"})
    assert empty.status_code == 400 and "Le titre en français est obligatoire." in empty.text
    assert await queued_kinds(desk.db) == []


async def test_new_seats_are_offered_and_a_new_place_is_told(desk: Desk) -> None:
    signed = await desk.sign_in(8303, "facilitator")
    meeting_id = await a_followed_session(desk.db, 8303, capacity=2, title={"fr": "Réunion C2S", "xx": "kept"})
    await people_on(desk.db, meeting_id, 4)
    changes = {**EDIT, "capacity": "3", "place": "Maison des services", "title_ar": "اجتماع", "languages": ["fr", "ar"]}
    saved = await signed.post(f"/sessions/{meeting_id}/edit", changes)
    assert saved.status_code == 303 and saved.headers["location"] == f"/sessions/{meeting_id}"
    after = await meeting(desk, meeting_id)
    assert (after.capacity, after.taken, after.place, after.languages) == (3, 3, "Maison des services", ["fr", "ar"])
    assert after.title == {"fr": "Réunion C2S", "en": "C2S meeting", "ar": "اجتماع", "xx": "kept"}
    assert await queued_kinds(desk.db) == ["seat_offered"] + ["meeting_relocated"] * 4
    page = await signed.get(f"/sessions/{meeting_id}")
    assert "Les modifications sont enregistrées." in page.text
    assert "1 personne en attente se voit proposer une place" in page.text
    assert "4 personnes seront prévenues du nouveau lieu" in page.text


async def test_adding_a_minimum_once_people_registered_is_refused(desk: Desk) -> None:
    signed = await desk.sign_in(8304, "coordinator")
    meeting_id = await a_followed_session(desk.db, capacity=5)
    await people_on(desk.db, meeting_id, 1)
    page = await signed.post(f"/sessions/{meeting_id}/edit", {**EDIT, "capacity": "5", "min_size": "3"})
    assert page.status_code == 400 and "on ne peut plus en ajouter un" in page.text


async def test_moving_tells_everyone_and_reminders_follow(desk: Desk) -> None:
    signed = await desk.sign_in(8305, "facilitator")
    meeting_id = await a_followed_session(desk.db, 8305, capacity=1)
    await people_on(desk.db, meeting_id, 2)
    form = await signed.get(f"/sessions/{meeting_id}/move")
    assert 'name="day" value="2026-11-25"' in form.text and 'name="start" value="11:00"' in form.text
    assert "2 personnes inscrites ou en attente seront prévenues" in form.text
    wrong = await signed.post(f"/sessions/{meeting_id}/move", {"day": "2026-12-10", "start": "14:00", "end": "13:00"})
    assert wrong.status_code == 400 and "L&#39;heure de fin doit être après" in wrong.text
    assert 'value="2026-12-10"' in wrong.text
    past = await signed.post(f"/sessions/{meeting_id}/move", {"day": "2026-11-20", "start": "14:00", "end": "16:00"})
    assert past.status_code == 400 and "Cette date est passée" in past.text
    moved = await signed.post(f"/sessions/{meeting_id}/move", {"day": "2026-12-10", "start": "14:00", "end": "16:00"})
    assert moved.status_code == 303
    after = await meeting(desk, meeting_id)
    assert after.starts_at == datetime(2026, 12, 10, 13, 0, tzinfo=UTC)
    assert sorted(await queued_kinds(desk.db)) == [
        "meeting_confirm",
        "meeting_details",
        "meeting_moved",
        "meeting_moved",
    ]
    page = await signed.get(f"/sessions/{meeting_id}")
    assert "La rencontre est déplacée : 2 personnes seront prévenues dans leur langue." in page.text


async def test_cancelling_asks_first_then_tells_everyone(desk: Desk) -> None:
    signed = await desk.sign_in(8306, "facilitator")
    meeting_id = await a_followed_session(desk.db, 8306, capacity=1)
    await people_on(desk.db, meeting_id, 2)
    asked = await signed.get(f"/sessions/{meeting_id}/cancel")
    assert asked.status_code == 200 and "Oui, annuler la rencontre" in asked.text
    assert "2 personnes inscrites ou en attente seront prévenues" in asked.text
    assert (await meeting(desk, meeting_id)).status == "scheduled"
    done = await signed.post(f"/sessions/{meeting_id}/cancel")
    assert done.status_code == 303
    assert (await meeting(desk, meeting_id)).status == "cancelled"
    assert await queued_kinds(desk.db) == ["meeting_cancelled"] * 2
    page = await signed.get(f"/sessions/{meeting_id}")
    assert "La rencontre est annulée : 2 personnes seront prévenues dans leur langue." in page.text
    again = await signed.post(f"/sessions/{meeting_id}/cancel")
    assert again.status_code == 409


async def test_a_change_made_by_someone_else_meanwhile_is_shown_not_overwritten(desk: Desk) -> None:
    samira = await desk.sign_in(8307, "coordinator")
    paul = await desk.sign_in(8308, "coordinator")
    meeting_id = await a_followed_session(desk.db, capacity=2, title={"fr": "Réunion C2S", "en": "C2S meeting"})
    await people_on(desk.db, meeting_id, 1)
    opened = seen((await samira.get(f"/sessions/{meeting_id}/edit")).text)
    paul_opened = seen((await paul.get(f"/sessions/{meeting_id}/edit")).text)
    moved = {**EDIT, "place": "Maison des services", "seen": paul_opened}
    assert (await paul.post(f"/sessions/{meeting_id}/edit", moved)).status_code == 303
    late = await samira.post(f"/sessions/{meeting_id}/edit", {**EDIT, "capacity": "6", "seen": opened})
    assert late.status_code == 409
    said = html.unescape(late.text)
    assert "Quelqu'un d'autre a changé ce champ pendant que vous modifiiez la rencontre" in said
    assert "il vaut maintenant « Maison des services »" in said
    assert 'name="capacity" value="6"' in late.text  # what Samira typed is kept
    assert (await meeting(desk, meeting_id)).place == "Maison des services"  # Paul's change stands
    assert await queued_kinds(desk.db) == ["meeting_relocated"]  # told once, not that it changed back
    again = await samira.post(f"/sessions/{meeting_id}/edit", {**moved, "capacity": "6", "seen": seen(late.text)})
    assert again.status_code == 303
    after = await meeting(desk, meeting_id)
    assert (after.capacity, after.place) == (6, "Maison des services")


async def test_moving_and_cancelling_are_in_the_journal(desk: Desk) -> None:
    """A facilitator moves, then cancels, their session from the console: the journal says who did it and how many
    people were told, as it does for the command line's `sessions move|cancel` (before: no audit row at all)."""
    signed = await desk.sign_in(8309, "facilitator")
    meeting_id = await a_followed_session(desk.db, 8309, capacity=1)
    await people_on(desk.db, meeting_id, 2)
    moved = await signed.post(f"/sessions/{meeting_id}/move", {"day": "2026-12-10", "start": "14:00", "end": "16:00"})
    assert moved.status_code == 303
    assert (await signed.post(f"/sessions/{meeting_id}/cancel")).status_code == 303
    coordinator = await desk.sign_in(8310, "coordinator")
    journal = html.unescape((await coordinator.get("/team/audit")).text)
    assert (
        f"Telegram 8309 (animation de rencontres) a déplacé la rencontre n° {meeting_id} ; personnes prévenues : 2."
        in journal
    )
    assert (
        f"Telegram 8309 (animation de rencontres) a annulé la rencontre n° {meeting_id} ; personnes prévenues : 2."
        in journal
    )
    assert '<option value="move_session">Rencontre déplacée</option>' in journal


async def test_the_cancel_question_names_the_session_as_the_session_page_does(desk: Desk) -> None:
    """In English, the session is "C2S meeting" on its page and in the list: the question before cancelling names it
    the same way, not by its French title."""
    signed = await desk.sign_in(8307, "facilitator")
    meeting_id = await a_followed_session(desk.db, 8307)
    await signed.post("/language", {"language": "en", "back": "/"})
    shown = html.unescape((await signed.get(f"/sessions/{meeting_id}")).text)
    assert "<h1><bdi>C2S meeting</bdi></h1>" in shown
    asked = html.unescape((await signed.get(f"/sessions/{meeting_id}/cancel")).text)
    assert "“<bdi>C2S meeting</bdi>”, " in asked
    assert "Réunion C2S" not in asked
