"""Check-in opens an hour before the start and the poll once the session has ended, in the services and the bot;
check-in by booking code and from one form."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.core.roles import Staff
from faire_lien.sessions.service import check_in_by_code, mark_attendance, mark_roster
from faire_lien.sessions.timing import CheckInNotOpenError, PollNotOpenError
from faire_lien.surveys.service import poll_follow_up, send_poll
from storage.db import Database
from storage.meetings import register
from storage.models import AuditEntry, Registration, SurveyInvitation
from storage.people import Identity
from storage.statuses import Attendance
from tests.conftest import NOW, assign_staff, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.clock import Clock
from tests.support.db import rows
from tests.support.records import a_meeting, a_person

MARIE = Staff("coordinator", None, "marie")
STARTS = NOW + timedelta(hours=3)  # 14:00 in Paris; check-in opens at 13:00, the session ends at 16:00
STAFF_ID = 31


async def booked(db: Database, seats: int = 2, waiting: int = 1) -> tuple[int, list[Registration]]:
    """A session starting at 14:00 (Paris) with its seats taken and people waiting."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, STARTS, capacity=seats)
        found = []
        for n in range(seats + waiting):
            booking = await register(session, meeting.id, (await a_person(session, 600 + 10 * meeting.id + n)).id, NOW)
            assert booking.registration is not None
            found.append(booking.registration)
        return meeting.id, found


async def test_check_in_opens_an_hour_before_the_start(db: Database) -> None:
    meeting_id, (first, *_) = await booked(db)
    async with db.unit_of_work() as session:
        with pytest.raises(CheckInNotOpenError) as refused:
            await mark_attendance(session, first.id, "present", MARIE, STARTS - timedelta(hours=1, seconds=1))
    assert (refused.value.meeting_id, refused.value.opens_at) == (meeting_id, STARTS - timedelta(hours=1))
    async with db.unit_of_work() as session:
        assert await mark_attendance(session, first.id, "present", MARIE, STARTS - timedelta(hours=1)) is not None
        assert await mark_attendance(session, first.id, "absent", MARIE, STARTS + timedelta(days=2)) is not None


async def test_check_in_by_code_in_any_case_and_spacing(db: Database) -> None:
    meeting_id, (first, _second, third) = await booked(db)
    assert first.code is not None and third.code is not None
    typed = f" {first.code[:2].lower()} {first.code[2:]} "
    async with db.unit_of_work() as session:
        with pytest.raises(CheckInNotOpenError):
            await check_in_by_code(session, meeting_id, typed, MARIE, NOW)
        at_the_door = STARTS - timedelta(minutes=30)
        found = await check_in_by_code(session, meeting_id, typed, MARIE, at_the_door)
        assert found is not None and (found.id, found.attendance) == (first.id, "present")
        assert await check_in_by_code(session, meeting_id, "NOPE42", MARIE, at_the_door) is None
        waiting = await check_in_by_code(session, meeting_id, third.code, MARIE, at_the_door)
        assert waiting is not None and (waiting.status, waiting.attendance) == ("waiting", None)
    marks = [(a.action, a.detail) for a in await rows(db, AuditEntry)]
    assert marks == [("mark_attendance", {"registration": first.id, "attendance": "present"})]


async def test_one_form_marks_only_this_sessions_seats(db: Database) -> None:
    meeting_id, (first, second, third) = await booked(db)
    _other, (elsewhere, *_) = await booked(db, seats=1, waiting=0)
    marks: dict[int, Attendance] = {
        first.id: "present",
        second.id: "excused",
        third.id: "present",
        elsewhere.id: "present",
    }
    async with db.unit_of_work() as session:
        with pytest.raises(CheckInNotOpenError):
            await mark_roster(session, meeting_id, marks, MARIE, NOW)
        assert await mark_roster(session, meeting_id, marks, MARIE, STARTS) == 2
        assert await mark_roster(session, meeting_id, marks, MARIE, STARTS) == 0
        assert await mark_roster(session, meeting_id + 9, marks, MARIE, STARTS) is None
    attendance = {r.id: r.attendance for r in await rows(db, Registration)}
    assert attendance == {first.id: "present", second.id: "excused", third.id: None, elsewhere.id: None}


async def test_the_poll_waits_for_the_end_and_its_follow_up_counts(flows: dict[str, Flow], db: Database) -> None:
    meeting_id, (first, second, _third) = await booked(db)
    ends = STARTS + timedelta(hours=2)
    async with db.unit_of_work() as session:
        await mark_roster(session, meeting_id, {first.id: "present", second.id: "present"}, MARIE, STARTS)
    async with db.unit_of_work() as session:
        with pytest.raises(PollNotOpenError) as refused:
            await send_poll(session, meeting_id, "hot_evaluation", MARIE, ends - timedelta(seconds=1))
        assert refused.value.opens_at == ends
        assert await send_poll(session, meeting_id, "hot_evaluation", MARIE, ends) == 2
        assert await send_poll(session, meeting_id, "hot_evaluation", MARIE, ends) == 0  # nobody twice
    async with db.unit_of_work() as session:
        invitation = (await rows(db, SurveyInvitation))[-1]
        (await session.get(SurveyInvitation, invitation.id)).status = "unreachable"  # type: ignore[union-attr]
    async with db.unit_of_work() as session:
        follow_up = await poll_follow_up(session, meeting_id, "hot_evaluation", MARIE)
        assert await poll_follow_up(session, meeting_id + 9, "hot_evaluation", MARIE) is None
    assert follow_up is not None and follow_up.present == 2
    progress = follow_up.progress
    assert (progress.invited, progress.sent, progress.answered, progress.unreachable) == (2, 0, 0, 1)


async def test_the_bot_says_when_check_in_and_the_poll_open(flows: dict[str, Flow], db: Database) -> None:
    clock = Clock()
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    assistant = Assistant(shipped, available_languages(), clock=clock)
    meeting_id, (first, *_) = await booked(db)
    await make_staff(db, STAFF_ID, "facilitator")
    await assign_staff(db, STAFF_ID, meeting_id)
    staff = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await staff.do(step)

    await staff.do(f"raw:att:{first.id}:present")
    assert staff.screen[0].text == (
        "⏳ Le pointage des présences ouvre à 13:00 (dimanche 22 novembre 2026), une heure avant le début."
    )
    assert "Présences — présent·es : 0" in staff.screen[1].text  # the roster follows
    clock.now = STARTS - timedelta(hours=1)
    await staff.do(f"raw:att:{first.id}:present")
    assert "Présences — présent·es : 1" in staff.screen[0].text

    await staff.do(f"raw:poll:{meeting_id}")
    assert staff.screen[0].text == (
        "⏳ L'avis ne peut être envoyé qu'après la fin de la rencontre, à 16:00 (dimanche 22 novembre 2026)."
    )
    assert [i.flow_id for i in await rows(db, SurveyInvitation)] == ["impact_3m"]
    clock.now = STARTS + timedelta(hours=2)
    await staff.do(f"raw:poll:{meeting_id}")
    assert staff.screen[0].text == "📨 Avis mis en file d'attente pour 1 nouvelle personne présente, envoi en cours."
