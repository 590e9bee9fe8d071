"""Staff and cases: one of two gets a case, roles see their kinds, refusals, reminders, undelivered messages."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.cases import service
from faire_lien.cases.policy import CasePolicy
from faire_lien.core.roles import Staff
from faire_lien.outbox.delivery import Outcome, prepare, settle
from faire_lien.staff import management
from storage.db import Database
from storage.models import AuditEntry, Case, OutboxMessage, Person, Registration, StaffMember
from storage.outbox import schedule
from storage.staff import revoke
from tests.conftest import NOW, assign_staff, make_staff
from tests.support.records import a_meeting, a_person

MARIE = Staff("coordinator", 1, "telegram:501")
PAUL = Staff("coordinator", 2, "telegram:502")
FATOU = Staff("facilitator", 3, "telegram:503")


async def a_case(db: Database, kind: str = "callback", at: datetime = NOW) -> int:
    """A person (Telegram 601) and a new case of theirs."""
    async with db.unit_of_work() as session:
        person = await a_person(session, 601)
        case = await service.open_case(session, person, kind, at, CasePolicy())  # type: ignore[arg-type]
        return case.id


async def staff_team(db: Database) -> None:
    """Marie and Paul coordinators, Fatou facilitator, each with a consented chat."""
    for telegram_id, role in ((501, "coordinator"), (502, "coordinator"), (503, "facilitator")):
        await make_staff(db, telegram_id, role)
        async with db.unit_of_work() as session:
            await a_person(session, telegram_id)


async def test_two_staff_take_at_once_exactly_one_holds_it(db: Database) -> None:
    await staff_team(db)
    case_id = await a_case(db)

    async def take(who: Staff) -> service.Taken:
        async with db.unit_of_work() as session:
            return await service.take(session, case_id, who, NOW)

    results = await asyncio.gather(take(MARIE), take(PAUL))
    assert sorted(r.result for r in results) == ["held", "taken"]
    winner = next(r for r in results if r.result == "taken")
    loser = next(r for r in results if r.result == "held")
    assert loser.holder == winner.holder
    async with db.unit_of_work() as session:
        audits = (await session.execute(select(AuditEntry.action).where(AuditEntry.action == "take_case"))).all()
    assert len(audits) == 1


async def test_each_role_sees_and_takes_only_its_kinds(db: Database) -> None:
    await staff_team(db)
    callback = await a_case(db, "callback")
    async with db.unit_of_work() as session:
        assert (await service.take(session, callback, FATOU, NOW)).result == "missing"
        assert await service.read(session, callback, FATOU, NOW, "test") is None
        notices = (await session.execute(select(OutboxMessage))).scalars().all()
    assert sorted(n.payload["staff"] for n in notices) == [1, 2]  # the coordinators, not the facilitator
    async with db.unit_of_work() as session:
        person = await a_person(session, 602)
        meeting = await service.open_case(session, person, "facilitator", NOW, CasePolicy())
        assert (await service.take(session, meeting.id, FATOU, NOW)).result == "taken"


async def test_a_staff_message_is_refused_when_it_cannot_go(db: Database) -> None:
    await staff_team(db)
    case_id = await a_case(db)
    async with db.unit_of_work() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        assert await service.write(session, case, MARIE, "   ", NOW) == "empty"
        assert await service.write(session, case, MARIE, "x" * 3501, NOW) == "too_long"
        assert await service.write(session, case, MARIE, "Bonjour", NOW) == "sent"  # writing takes a new case
        assert await service.write(session, case, PAUL, "Moi aussi", NOW) == "not_holder"
        assert await service.close(session, case, FATOU, "helped", NOW) == "not_holder"
        assert await service.close(session, case, PAUL, "referred", NOW) == "closed"  # a coordinator may close any
        assert await service.write(session, case, MARIE, "Encore", NOW) == "closed"
        assert await service.close(session, case, MARIE, "helped", NOW) == "already"
        assert (case.status, case.outcome, case.holder) == ("closed", "referred", "telegram:501")


async def test_an_untaken_case_reminds_the_coordinators_after_four_working_hours(db: Database) -> None:
    await staff_team(db)
    friday_evening = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)  # 19:00 in Paris, a Friday
    await a_case(db, "facilitator", at=friday_evening)
    monday = datetime(2026, 11, 30, 9, 59, tzinfo=UTC)  # 10:59 in Paris: 1 h on Friday + 3 h on Monday, less 1 min
    async with db.unit_of_work() as session:
        assert await service.remind_unclaimed(session, monday) == 0
        assert await service.remind_unclaimed(session, monday + timedelta(minutes=1)) == 1
        assert await service.remind_unclaimed(session, monday + timedelta(hours=3)) == 0  # reminded once
        reminders = (
            (await session.execute(select(OutboxMessage).where(OutboxMessage.idempotency_key.like("%:reminder:%"))))
            .scalars()
            .all()
        )
    assert sorted(r.payload["staff"] for r in reminders) == [1, 2]  # coordinators only


async def test_a_message_given_up_becomes_a_case_for_the_coordinators(db: Database) -> None:
    await staff_team(db)
    async with db.unit_of_work() as session:
        person = await a_person(session, 601)
        message, _ = await schedule(
            session, person.id, kind="renewal_reminder", due_at=NOW, payload={}, key="renewal:x", now=NOW
        )
        message_id = message.id
    async with db.unit_of_work() as session:
        await settle(session, message_id, Outcome("failed", None, "Forbidden: bot was blocked by the user"), NOW)
    async with db.unit_of_work() as session:
        (case,) = (await session.execute(select(Case))).scalars().all()
        assert (case.kind, case.context) == ("undelivered", {"message": message_id, "kind": "renewal_reminder"})
        notices = (await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "case_notice"))).scalars()
        assert sorted(n.payload["staff"] for n in notices) == [1, 2]


async def test_a_reply_at_night_goes_at_once_only_to_someone_who_just_wrote(db: Database) -> None:
    await staff_team(db)
    night = datetime(2026, 11, 24, 22, 0, tzinfo=UTC)  # 23:00 in Paris
    case_id = await a_case(db, at=night - timedelta(hours=3))
    async with db.unit_of_work() as session:
        case = await session.get(Case, case_id)
        person = await session.get(Person, case.person_id) if case else None
        assert case is not None and person is not None
        await service.take(session, case_id, MARIE, night - timedelta(hours=3))
        await service.person_writes(
            session, person, case, "Vous êtes là ?", night - timedelta(minutes=30), CasePolicy()
        )
        assert await service.write(session, case, MARIE, "Oui, je suis là.", night) == "sent"
        case.person_wrote_at = night - timedelta(hours=2)
        assert await service.write(session, case, MARIE, "Je vous rappelle demain.", night) == "sent"
        sent = (await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "case_message"))).scalars()
        assert [m.payload["urgent"] for m in sorted(sent, key=lambda m: m.id)] == [True, False]


async def test_someone_without_a_chat_is_phoned_not_written_to(db: Database) -> None:
    await staff_team(db)
    async with db.unit_of_work() as session:
        person = await a_person(session, None)  # a mediator asked a call-back for someone without Telegram
        case = await service.open_case(session, person, "callback", NOW, CasePolicy())
        assert await service.write(session, case, MARIE, "Bonjour", NOW) == "no_chat"
        assert (await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "case_message"))).all() == []


async def test_a_case_held_by_someone_whose_role_is_revoked_goes_back_to_the_queue(db: Database) -> None:
    await staff_team(db)
    case_id = await a_case(db)
    async with db.unit_of_work() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        assert await service.write(session, case, MARIE, "Bonjour", NOW) == "sent"  # Marie holds it
        marie = await session.get(StaffMember, 1)
        assert marie is not None
        await management.revoke(session, PAUL, marie, NOW, CasePolicy())  # from the console's team page
    async with db.unit_of_work() as session:
        case = await session.get(Case, case_id)
        assert case is not None and (case.status, case.holder, case.holder_id) == ("new", None, None)
        released = await _notices(session, "released")
        assert [n.payload["staff"] for n in released] == [2]  # Paul, the coordinator left
        ready = await prepare(session, released[0].id, NOW)
        assert ready is not None and ready.reply.text.startswith(
            "↩️ La demande n° 1 (demande de rappel, en français) revient dans les demandes à prendre"
        )
        assert (await service.take(session, case_id, PAUL, NOW)).result == "taken"  # Paul takes it up
        assert await service.release_orphans(session, NOW, CasePolicy()) == 0


async def test_a_role_revoked_from_the_command_line_frees_its_cases_at_the_next_pass(db: Database) -> None:
    await staff_team(db)
    case_id = await a_case(db, "facilitator")
    async with db.unit_of_work() as session:
        assert (await service.take(session, case_id, FATOU, NOW)).result == "taken"
        assert await service.release_orphans(session, NOW, CasePolicy()) == 0
        assert await revoke(session, 503, "operator:root", NOW)  # `faire-lien staff revoke 503`
    async with db.unit_of_work() as session:
        assert await service.release_orphans(session, NOW, CasePolicy()) == 1
        assert await service.release_orphans(session, NOW, CasePolicy()) == 0
        case = await session.get(Case, case_id)
        assert case is not None and case.status == "new"
        assert sorted(n.payload["staff"] for n in await _notices(session, "released")) == [1, 2]


async def _notices(session: AsyncSession, event: str) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.kind == "case_notice").order_by(OutboxMessage.id)
    return [n for n in (await session.execute(query)).scalars() if n.payload["event"] == event]


async def facilitator_request_notices(db: Database, *, registered: bool, attended: bool = False) -> list[int]:
    """Amina (601) asks to meet the facilitator; Léa (504, facilitator) follows the session she may be in; which
    staff are told, by staff row (Marie 1, Paul 2, Fatou 3, Léa 4)."""
    await staff_team(db)
    await make_staff(db, 504, "facilitator")
    async with db.unit_of_work() as session:
        await a_person(session, 504)
        amina = await a_person(session, 601)
        meeting = await a_meeting(session, starts=NOW - timedelta(days=7) if attended else None)
        await session.flush()
        if registered:
            registration = Registration(
                meeting_id=meeting.id, person_id=amina.id, status="registered", created_at=NOW, updated_at=NOW
            )
            registration.attendance = "present" if attended else None
            session.add(registration)
        meeting_id, amina_id = meeting.id, amina.id
    await assign_staff(db, 504, meeting_id)
    async with db.unit_of_work() as session:
        amina = await session.get(Person, amina_id)
        assert amina is not None
        await service.open_case(session, amina, "facilitator", NOW, CasePolicy())
        notices = (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars().all()
    return [n.payload["staff"] for n in notices]


async def test_a_request_to_meet_the_facilitator_goes_to_the_facilitator_of_the_persons_session(
    db: Database,
) -> None:
    assert await facilitator_request_notices(db, registered=True) == [1, 2, 4]  # Léa and the coordinators


async def test_a_request_to_meet_the_facilitator_goes_to_the_facilitator_of_a_session_the_person_attended(
    db: Database,
) -> None:
    assert await facilitator_request_notices(db, registered=True, attended=True) == [1, 2, 4]


async def test_a_request_to_meet_the_facilitator_with_no_session_goes_to_every_facilitator(db: Database) -> None:
    assert await facilitator_request_notices(db, registered=False) == [1, 2, 3, 4]  # as before: nobody is named


async def test_a_request_to_meet_the_facilitator_on_postgresql_goes_to_the_sessions_facilitator(
    pg_db: Database,
) -> None:
    assert await facilitator_request_notices(pg_db, registered=True) == [1, 2, 4]
