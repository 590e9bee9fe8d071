"""Check-in at the door (/sessions/{id}/roster): codes, ranks, marking by code or from one form, opening time."""

from __future__ import annotations

import re

from storage.models import AuditEntry, Registration
from tests.support.db import rows
from tests.web.console.conftest import Desk
from tests.web.console.door import PEOPLE, a_session, seen

ANNE, BRUNO, MEDIATOR = 7101, 7102, 7103


async def attendance(desk: Desk) -> dict[int, str | None]:
    return {r.id: r.attendance for r in await rows(desk.db, Registration)}


async def test_the_roster_shows_codes_times_statuses_and_ranks_and_no_name(desk: Desk) -> None:
    booked = await a_session(desk.db, registered=2, waiting=2, facilitator=ANNE)
    signed = await desk.sign_in(ANNE, "facilitator")
    page = await signed.get(f"/sessions/{booked.meeting_id}/roster")
    assert page.status_code == 200, seen(page)
    text = seen(page)
    for _number, code in booked.registered + booked.waiting:
        assert f'<th scope="row" class="code">{code}</th>' in text
    assert text.count("22/11/2026 11:00") == 4  # registered at 10:00 UTC: 11:00 in Paris
    assert text.count("inscrit·e") >= 2
    assert "liste d'attente, n° 1" in text and "liste d'attente, n° 2" in text
    assert "Places prises : 2 sur 2 · liste d'attente : 2" in text
    assert f'href="/sessions/{booked.meeting_id}"' in text  # back to the session
    main = text.split('<main id="content"')[1]
    assert str(PEOPLE)[:3] not in main  # no Telegram id (and the bot stores no names)
    audit = [(a.actor, a.action, a.detail) for a in await rows(desk.db, AuditEntry) if a.action == "read_roster"]
    assert audit == [(f"telegram:{ANNE}", "read_roster", {"via": "console", "meeting": booked.meeting_id})]


async def test_before_check_in_opens_the_roster_is_read_only(desk: Desk) -> None:
    booked = await a_session(desk.db)
    signed = await desk.sign_in(None)
    page = await signed.get(f"/sessions/{booked.meeting_id}/roster")
    assert page.status_code == 200
    assert "Le pointage ouvre à 13:00 (dimanche 22 novembre 2026)" in seen(page)
    assert 'type="radio"' not in seen(page) and "Marquer présent·e" not in seen(page)
    assert "pas encore noté·e" in seen(page)


async def test_check_in_by_code_in_any_case_with_spaces(desk: Desk) -> None:
    booked = await a_session(desk.db, facilitator=ANNE)
    (first, code), _second = booked.registered
    desk.clock.advance(hours=2)  # 13:00 in Paris: check-in opens
    signed = await desk.sign_in(ANNE, "facilitator")
    typed = f" {code[:3].lower()} {code[3:].lower()} "
    done = await signed.post(f"/sessions/{booked.meeting_id}/roster/code", {"code": typed})
    assert done.status_code == 303 and done.headers["location"] == f"/sessions/{booked.meeting_id}/roster"
    page = await signed.get(done.headers["location"])
    assert f"{code} : présent·e" in seen(page)
    assert "Présent·es : 1 · absent·es : 0 · excusé·es : 0 · à noter : 1" in seen(page)
    assert (await attendance(desk))[first] == "present"
    marks = [a.detail for a in await rows(desk.db, AuditEntry) if a.action == "mark_attendance"]
    assert marks == [{"registration": first, "attendance": "present"}]


async def test_a_code_that_is_not_a_seat_of_this_session_is_refused_clearly(desk: Desk) -> None:
    booked = await a_session(desk.db, registered=1, waiting=1)
    other = await a_session(desk.db, registered=1, waiting=0, title="Autre rencontre")
    desk.clock.advance(hours=2)
    signed = await desk.sign_in(None)
    path = f"/sessions/{booked.meeting_id}/roster/code"
    unknown = await signed.post(path, {"code": "zzz 999"})
    assert unknown.status_code == 422
    assert "ZZZ999 : aucune inscription avec ce code pour cette rencontre." in seen(unknown)
    ((_, elsewhere),) = other.registered
    refused = await signed.post(path, {"code": elsewhere})
    assert "aucune inscription avec ce code pour cette rencontre" in seen(refused)
    ((_, waiting_code),) = booked.waiting
    waiting = await signed.post(path, {"code": waiting_code})
    assert waiting.status_code == 422 and f"{waiting_code} : cette personne est sur la liste d'attente" in seen(waiting)
    empty = await signed.post(path, {"code": "  "})
    assert empty.status_code == 422 and "Tapez le code de réservation" in seen(empty)
    assert set((await attendance(desk)).values()) == {None}


async def test_marking_everyone_from_one_screen(desk: Desk) -> None:
    booked = await a_session(desk.db, registered=3, waiting=1, facilitator=ANNE)
    other = await a_session(desk.db, registered=1, waiting=0)
    (one, _), (two, _), (three, _) = booked.registered
    ((waiting, _),) = booked.waiting
    ((elsewhere, _),) = other.registered
    desk.clock.advance(hours=2, minutes=30)
    signed = await desk.sign_in(ANNE, "facilitator")
    page = await signed.get(f"/sessions/{booked.meeting_id}/roster")
    assert len(re.findall(r'type="radio"', seen(page))) == 9  # three choices for each of the three seats
    assert f'<label for="att-{one}-present">présent·e</label>' in seen(page)
    form = {
        f"att-{one}": "present",
        f"att-{two}": "absent",
        f"att-{waiting}": "present",  # not a seat: ignored
        f"att-{elsewhere}": "present",  # another session's registration: ignored
        "att-x": "present",
        f"att-{three}": "asleep",
    }
    saved = await signed.post(f"/sessions/{booked.meeting_id}/roster/marks", form)
    assert saved.status_code == 303
    page = await signed.get(saved.headers["location"])
    assert "2 présences enregistrées." in seen(page)
    assert re.search(rf'id="att-{one}-present" name="att-{one}" value="present" checked', seen(page))
    assert await attendance(desk) == {one: "present", two: "absent", three: None, waiting: None, elsewhere: None}
    again = await signed.post(f"/sessions/{booked.meeting_id}/roster/marks", {f"att-{one}": "present"})
    assert "Aucun changement à enregistrer." in seen(await signed.get(again.headers["location"]))
    changed = await signed.post(f"/sessions/{booked.meeting_id}/roster/marks", {f"att-{two}": "excused"})
    assert "1 présence enregistrée." in seen(await signed.get(changed.headers["location"]))
    marks = [a.detail for a in await rows(desk.db, AuditEntry) if a.action == "mark_attendance"]
    assert marks == [
        {"registration": one, "attendance": "present"},
        {"registration": two, "attendance": "absent"},
        {"registration": two, "attendance": "excused"},
    ]


async def test_check_in_is_refused_more_than_an_hour_before_the_start(desk: Desk) -> None:
    booked = await a_session(desk.db, facilitator=ANNE)
    (first, code), _ = booked.registered
    desk.clock.advance(hours=1, minutes=59)
    signed = await desk.sign_in(ANNE, "facilitator")
    by_code = await signed.post(f"/sessions/{booked.meeting_id}/roster/code", {"code": code})
    assert by_code.status_code == 409
    assert "Le pointage ouvre à 13:00 (dimanche 22 novembre 2026), une heure avant le début" in seen(by_code)
    by_form = await signed.post(f"/sessions/{booked.meeting_id}/roster/marks", {f"att-{first}": "present"})
    assert by_form.status_code == 409 and "Le pointage ouvre à 13:00" in seen(by_form)
    assert set((await attendance(desk)).values()) == {None}
    assert not [a for a in await rows(desk.db, AuditEntry) if a.action == "mark_attendance"]


async def test_only_the_sessions_own_facilitators_coordinators_and_signed_in_forms(desk: Desk) -> None:
    booked = await a_session(desk.db, facilitator=ANNE)
    (first, code), _ = booked.registered
    desk.clock.advance(hours=2)
    roster = f"/sessions/{booked.meeting_id}/roster"
    bruno = await desk.sign_in(BRUNO, "facilitator")
    refused = await bruno.get(roster)
    assert refused.status_code == 403 and "n'est pas l'une des vôtres" in seen(refused)
    assert (await bruno.post(f"{roster}/code", {"code": code})).status_code == 403
    assert (await bruno.post(f"{roster}/marks", {f"att-{first}": "present"})).status_code == 403
    mediator = await desk.sign_in(MEDIATOR, "mediator")
    assert (await mediator.get(roster)).status_code == 403
    assert (await mediator.post(f"{roster}/code", {"code": code})).status_code == 403
    anne = await desk.sign_in(ANNE, "facilitator")
    no_token = await anne.client.post(f"{roster}/code", data={"code": code})
    assert no_token.status_code == 403 and "jeton de sécurité" in seen(no_token)
    assert (await anne.client.post(f"{roster}/marks", data={f"att-{first}": "present"})).status_code == 403
    assert (await desk.browser().get(roster)).status_code == 403
    assert set((await attendance(desk)).values()) == {None}
    assert not [a for a in await rows(desk.db, AuditEntry) if a.action == "read_roster"]
    coordinator = await desk.sign_in(None)
    assert (await coordinator.get(roster)).status_code == 200
    assert (await coordinator.get(f"/sessions/{booked.meeting_id + 5}/roster")).status_code == 404
