"""The message after an action: its counts written as the page's language writes numbers, and shown in the language
the staff member reads when it is shown (switching language in between translates it)."""

from __future__ import annotations

import pytest

from tests.web.console.conftest import Desk
from tests.web.console.door import a_session, seen
from tests.web.console.test_door_poll import mark_present
from tests.web.console.test_team_pages import member_id
from web.console import poll

ANNE = 7301
NNBSP = "\u202f"
"""What Babel writes between thousands in French (a narrow no-break space)."""


async def _after_the_session(desk: Desk) -> tuple[int, list[int]]:
    booked = await a_session(desk.db, registered=3, waiting=0, facilitator=ANNE)
    desk.clock.advance(hours=2)
    signed = await desk.sign_in(ANNE, "facilitator")
    present = [number for number, _ in booked.registered]
    await mark_present(signed, booked.meeting_id, present)
    desk.clock.advance(hours=3)  # the session has ended: the poll can be sent
    return booked.meeting_id, present


async def test_a_count_in_the_message_is_grouped_as_the_language_writes_numbers(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id, _ = await _after_the_session(desk)

    async def many(*_args: object) -> int:
        return 1234

    monkeypatch.setattr(poll, "send_poll", many)
    signed = await desk.sign_in(ANNE, "facilitator")
    sent = await signed.post(f"/sessions/{meeting_id}/poll")
    assert f"Avis mis en file d'attente pour 1{NNBSP}234 personnes présentes, envoi en cours." in seen(
        await signed.get(sent.headers["location"])
    )
    await signed.post("/language", {"language": "en", "back": "/"})
    again = await signed.post(f"/sessions/{meeting_id}/poll")
    assert "Poll queued for 1,234 people present, sending now." in seen(await signed.get(again.headers["location"]))


async def test_a_count_in_the_marks_message_is_grouped(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    meeting_id, present = await _after_the_session(desk)
    signed = await desk.sign_in(ANNE, "facilitator")

    async def many(*_args: object) -> int:
        return 2500

    monkeypatch.setattr("web.console.checkin.mark_roster", many)
    saved = await signed.post(f"/sessions/{meeting_id}/roster/marks", {f"att-{present[0]}": "absent"})
    assert f"2{NNBSP}500 présences enregistrées." in seen(await signed.get(saved.headers["location"]))


async def test_the_message_follows_a_language_switched_before_it_is_shown(desk: Desk) -> None:
    meeting_id, _ = await _after_the_session(desk)
    signed = await desk.sign_in(ANNE, "facilitator")
    sent = await signed.post(f"/sessions/{meeting_id}/poll")
    assert sent.status_code == 303
    switched = await signed.post("/language", {"language": "en", "back": sent.headers["location"]})
    page = seen(await signed.get(switched.headers["location"]))
    assert "Poll queued for 3 people present, sending now." in page
    assert "Avis mis en file" not in page
    assert "Poll queued" not in seen(await signed.get(sent.headers["location"]))  # shown once


async def test_a_role_change_message_names_the_role_in_the_language_switched_to(desk: Desk) -> None:
    await desk.sign_in(8342, "facilitator")
    signed = await desk.sign_in(8341, "coordinator")
    other = await member_id(desk, 8342)
    changed = await signed.post(f"/team/{other}/role", {"role": "mediator"})
    assert changed.status_code == 303
    await signed.post("/language", {"language": "en", "back": "/team"})
    page = seen(await signed.get("/team"))
    assert "Role changed: Telegram 8342 (session facilitator) is now mediator." in page


async def test_a_message_from_another_session_or_altered_shows_nothing(desk: Desk) -> None:
    meeting_id, _ = await _after_the_session(desk)
    signed = await desk.sign_in(ANNE, "facilitator")
    sent = await signed.post(f"/sessions/{meeting_id}/poll")
    cookie = sent.cookies.get("faire_lien_flash")
    assert cookie is not None and "Avis" not in cookie  # kept untranslated, not as the sentence
    other = await desk.sign_in(ANNE + 1, "coordinator")
    other.client.cookies.set("faire_lien_flash", cookie)
    assert "Avis envoyé" not in seen(await other.get(f"/sessions/{meeting_id}/poll"))
