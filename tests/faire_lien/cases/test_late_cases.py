"""A case someone took but left unanswered past its due time: the holder is reminded, then the coordinators."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.assistant import Assistant
from faire_lien.cases import service
from faire_lien.cases.policy import CasePolicy
from faire_lien.core.roles import Staff
from faire_lien.outbox.delivery import prepare
from faire_lien.staff import management
from faire_lien.staff.names import note_telegram_name
from storage.db import Database
from storage.models import Case, OutboxMessage, Person, StaffMember
from storage.people import get_person
from tests.faire_lien.cases.conftest import help_taken, pressed
from tests.faire_lien.cases.test_staff_side import MARIE, PAUL, a_case, staff_team
from tests.support.records import a_person

OPENED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday 10:00 in Paris
TAKEN = OPENED + timedelta(minutes=30)
DUE = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # two working days later: Wednesday 10:00 in Paris
ESCALATE = DUE + timedelta(hours=4)  # CASE_REMIND_HOURS of working time after the holder's reminder
POLICY = CasePolicy()
OPERATOR = Staff("coordinator", None, "alice")  # the server's operator at the terminal: `faire-lien ... --staff alice`


async def taken_case(db: Database, who: Staff = MARIE) -> int:
    """A call-back request opened on Monday morning and taken half an hour later."""
    await staff_team(db)
    case_id = await a_case(db, at=OPENED)
    async with db.unit_of_work() as session:
        assert (await service.take(session, case_id, who, TAKEN)).result == "taken"
    return case_id


async def remind(db: Database, at: datetime) -> int:
    """One reminder pass, as the outbox sender runs it, in a transaction of its own."""
    async with db.unit_of_work() as session:
        return await service.remind_late(session, at, POLICY)


async def late_notices(session: AsyncSession, event: str) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.kind == "case_notice").order_by(OutboxMessage.id)
    return [n for n in (await session.execute(query)).scalars() if n.payload["event"] == event]


async def write(db: Database, case_id: int, at: datetime) -> None:
    async with db.unit_of_work() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        assert await service.write(session, case, MARIE, "Bonjour, je vous appelle demain à 10 h.", at) == "sent"


async def test_a_taken_case_unanswered_reminds_the_holder_once_then_the_other_coordinators_once(db: Database) -> None:
    await taken_case(db)
    async with db.unit_of_work() as session:  # Marie used the bot as staff: her Telegram first name is known
        marie = await session.get(StaffMember, 1)
        assert marie is not None
        note_telegram_name(marie, "Marie")
    assert await remind(db, DUE - timedelta(minutes=1)) == 0
    assert await remind(db, DUE) == 1
    assert await remind(db, DUE) == 0  # a second pass right after sends nothing twice
    async with db.unit_of_work() as session:
        (to_holder,) = await late_notices(session, "late")
        assert to_holder.payload["staff"] == 1  # Marie, who holds it
        ready = await prepare(session, to_holder.id, DUE)
        assert ready is not None and ready.chat_id == 501
        assert ready.reply.text == (
            "⏰ La demande n° 1 (demande de rappel, en français), que vous avez prise le lun. 23 novembre 10:30, "
            "n'a pas encore de réponse : elle était promise d'ici le mer. 25 novembre 10:00. Écrivez à la "
            "personne dès que possible."
        )
        assert [b.label for row in ready.reply.buttons for b in row] == ["✍️ Répondre", "🖥 Ouvrir dans la console"]
        assert await late_notices(session, "late_escalated") == []

    assert await remind(db, ESCALATE - timedelta(minutes=1)) == 0
    assert await remind(db, ESCALATE) == 1
    assert await remind(db, ESCALATE + timedelta(days=3)) == 0
    async with db.unit_of_work() as session:
        escalated = await late_notices(session, "late_escalated")
        assert [n.payload["staff"] for n in escalated] == [2]  # Paul; not Marie, not Fatou the facilitator
        ready = await prepare(session, escalated[0].id, ESCALATE)
        assert ready is not None and ready.chat_id == 502
        assert ready.reply.text.startswith(
            "⏰ La demande n° 1 (demande de rappel, en français) est tenue par Marie depuis le lun. 23 novembre 10:30, "
            "mais la personne n'a toujours pas de réponse"
        )
        assert len(await late_notices(session, "late")) == 1


async def test_a_case_the_operator_took_from_the_command_line_goes_to_the_coordinators_at_the_due_time(
    db: Database,
) -> None:
    """The operator has no Telegram chat: nobody to remind first, so the coordinators are told at once."""
    await taken_case(db, OPERATOR)
    assert await remind(db, DUE) == 1
    assert await remind(db, ESCALATE) == 0  # told once, not again CASE_REMIND_HOURS later
    async with db.unit_of_work() as session:
        assert await late_notices(session, "late") == []
        escalated = await late_notices(session, "late_escalated")
        assert [n.payload["staff"] for n in escalated] == [1, 2]  # Marie and Paul, not Fatou the facilitator
        ready = await prepare(session, escalated[0].id, DUE)
        assert ready is not None and ready.chat_id == 501
        assert ready.reply.text.startswith(
            "⏰ La demande n° 1 (demande de rappel, en français) est tenue par alice depuis le lun. 23 novembre "
            "10:30, mais la personne n'a toujours pas de réponse"
        )


async def test_a_case_answered_before_its_due_time_reminds_nobody(db: Database) -> None:
    case_id = await taken_case(db)
    await write(db, case_id, DUE - timedelta(hours=1))
    async with db.unit_of_work() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        await service.person_writes(session, await _person(session, case), case, "Merci", DUE, POLICY)  # claimed again
    for at in (DUE, ESCALATE):  # the person's "Merci" has its own answer time, counted from it
        assert await remind(db, at) == 0
    async with db.unit_of_work() as session:
        assert await late_notices(session, "late") == [] and await late_notices(session, "late_escalated") == []


async def test_an_answer_between_the_two_reminders_stops_the_second_and_the_pending_first(db: Database) -> None:
    case_id = await taken_case(db)
    assert await remind(db, DUE) == 1
    await write(db, case_id, DUE + timedelta(hours=1))  # before the reminder went out (quiet hours, a busy outbox)
    async with db.unit_of_work() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        await service.person_writes(
            session, await _person(session, case), case, "D'accord", DUE + timedelta(hours=2), POLICY
        )
    assert await remind(db, ESCALATE) == 0
    async with db.unit_of_work() as session:
        (to_holder,) = await late_notices(session, "late")
        assert await prepare(session, to_holder.id, ESCALATE) is None  # answered meanwhile: nothing goes
        assert await late_notices(session, "late_escalated") == []
        case = await session.get(Case, case_id)
        assert case is not None and (case.late_reminded_at, case.late_escalated_at) == (None, None)


WROTE = TAKEN + timedelta(hours=1)  # Marie writes on Monday at 11:30 in Paris
REPLIED = WROTE + timedelta(hours=1)  # the person answers at 12:30, then again at 12:45
REPLY_DUE = DUE + timedelta(hours=2, minutes=30)  # two working days after the person's first answer: Wednesday 12:30


async def person_writes(db: Database, case_id: int, text: str, at: datetime) -> None:
    async with db.unit_of_work() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        await service.person_writes(session, await _person(session, case), case, text, at, POLICY)


async def answered_then_silent(db: Database) -> int:
    """Marie took the case, wrote once, and the person's two answers wait for her."""
    case_id = await taken_case(db)
    await write(db, case_id, WROTE)
    await person_writes(db, case_id, "Oui, demain ça me va.", REPLIED)
    await person_writes(db, case_id, "Plutôt l'après-midi.", REPLIED + timedelta(minutes=15))
    return case_id


async def test_a_person_whose_answer_waits_past_the_answer_time_gets_the_holder_then_the_coordinators_reminded(
    db: Database,
) -> None:
    await answered_then_silent(db)
    assert await remind(db, REPLY_DUE - timedelta(minutes=1)) == 0
    assert await remind(db, REPLY_DUE) == 1
    assert await remind(db, REPLY_DUE) == 0  # once per unanswered message
    async with db.unit_of_work() as session:
        (to_holder,) = await late_notices(session, "reply_late")
        ready = await prepare(session, to_holder.id, REPLY_DUE)
        assert ready is not None and ready.chat_id == 501
        assert ready.reply.text == (
            "⏰ Dans la demande n° 1 (demande de rappel, en français), la personne vous a écrit le lun. 23 novembre "
            "12:30 et attend toujours votre réponse. Écrivez-lui dès que possible."
        )
        assert [b.label for row in ready.reply.buttons for b in row] == ["✍️ Répondre", "🖥 Ouvrir dans la console"]
        assert to_holder.payload.get("urgent") is None  # quiet hours hold it, as the other reminders

    escalate = POLICY.remind(REPLY_DUE)
    assert await remind(db, escalate - timedelta(minutes=1)) == 0
    assert await remind(db, escalate) == 1
    assert await remind(db, escalate + timedelta(days=3)) == 0
    async with db.unit_of_work() as session:
        (escalated,) = await late_notices(session, "reply_late_escalated")
        assert escalated.payload["staff"] == 2  # Paul; not Marie, not Fatou the facilitator
        ready = await prepare(session, escalated.id, escalate)
        assert ready is not None and ready.chat_id == 502
        assert ready.reply.text == (
            "⏰ Dans la demande n° 1 (demande de rappel, en français), tenue par Telegram 501, la personne a écrit "
            "le lun. 23 novembre 12:30 et attend toujours une réponse."  # no name known yet: never a bare number
        )


async def test_an_answer_drops_the_pending_reminder_and_a_new_message_is_reminded_afresh(db: Database) -> None:
    case_id = await answered_then_silent(db)
    assert await remind(db, REPLY_DUE) == 1
    await write(db, case_id, REPLY_DUE + timedelta(minutes=5))  # before the reminder went out
    async with db.unit_of_work() as session:
        (to_holder,) = await late_notices(session, "reply_late")
        assert await prepare(session, to_holder.id, REPLY_DUE + timedelta(minutes=6)) is None
    assert await remind(db, POLICY.remind(REPLY_DUE)) == 0  # answered: the coordinators are not told

    again = REPLY_DUE + timedelta(hours=1)
    await person_writes(db, case_id, "Merci, à demain.", again)
    assert await remind(db, POLICY.due(again) - timedelta(minutes=1)) == 0
    assert await remind(db, POLICY.due(again)) == 1
    async with db.unit_of_work() as session:
        assert [n.payload["message"] for n in await late_notices(session, "reply_late")] == [2, 5]


async def test_a_closed_case_reminds_nobody_of_the_persons_answer(db: Database) -> None:
    case_id = await answered_then_silent(db)
    assert await remind(db, REPLY_DUE) == 1
    async with db.unit_of_work() as session:
        case = await session.get(Case, case_id)
        assert case is not None
        assert await service.close(session, case, MARIE, "helped", REPLY_DUE + timedelta(minutes=5)) == "closed"
        (to_holder,) = await late_notices(session, "reply_late")
        assert await prepare(session, to_holder.id, REPLY_DUE + timedelta(minutes=6)) is None
    assert await remind(db, POLICY.remind(REPLY_DUE) + timedelta(days=3)) == 0


async def test_two_workers_at_once_remind_the_holder_once(db: Database) -> None:
    await taken_case(db)
    results = await asyncio.gather(remind(db, DUE), remind(db, DUE))
    assert sorted(results) == [0, 1]
    async with db.unit_of_work() as session:
        assert len(await late_notices(session, "late")) == 1


async def test_the_holder_is_not_reminded_before_the_remind_time_after_taking_it(db: Database) -> None:
    await staff_team(db)
    case_id = await a_case(db, at=OPENED)
    taken_late = DUE - timedelta(hours=1)  # taken an hour before the due time: four working hours to answer
    async with db.unit_of_work() as session:
        assert (await service.take(session, case_id, MARIE, taken_late)).result == "taken"
    assert await remind(db, DUE) == 0
    assert await remind(db, taken_late + timedelta(hours=4)) == 1


async def test_a_case_back_in_the_queue_and_taken_again_reminds_its_new_holder(db: Database) -> None:
    case_id = await taken_case(db)
    assert await remind(db, DUE) == 1
    async with db.unit_of_work() as session:
        marie = await session.get(StaffMember, 1)
        assert marie is not None
        await management.revoke(session, PAUL, marie, DUE + timedelta(minutes=5), POLICY)  # back to the queue
        case = await session.get(Case, case_id)
        assert case is not None and case.late_reminded_at is None
        (to_marie,) = await late_notices(session, "late")
        assert await prepare(session, to_marie.id, DUE + timedelta(minutes=6)) is None  # she no longer holds it
        assert (await service.take(session, case_id, PAUL, DUE + timedelta(minutes=10))).result == "taken"
    assert await remind(db, DUE + timedelta(hours=4, minutes=10)) == 1
    async with db.unit_of_work() as session:
        assert [n.payload["staff"] for n in await late_notices(session, "late")] == [1, 2]


async def _person(session: AsyncSession, case: Case) -> Person:
    person = await get_person(session, case.person_id)
    assert person is not None
    return person


async def test_the_holder_answers_from_the_reminder_and_the_person_gets_the_message(
    assistant: Assistant, db: Database
) -> None:
    chats, marie, _amina = await help_taken(assistant, db)
    async with db.unit_of_work() as session:
        case = await session.get(Case, 1)
        assert case is not None
        due = case.due_at
        assert await service.remind_late(session, due, POLICY) == 1
        (to_holder,) = await late_notices(session, "late")
        ready = await prepare(session, to_holder.id, due)
    assert ready is not None and ready.reply.text.startswith("⏰ La demande n° 1 (demande d'aide sur une question")
    await marie.send("action", pressed(marie, ready.reply, "Répondre"))
    await marie.do("type:Bonjour, je vous appelle cet après-midi.")
    assert (await chats.deliver())[601][0].text.startswith("💬 Message de votre travailleur·se social·e")
    async with db.unit_of_work() as session:
        assert await service.remind_late(session, due + timedelta(days=7), POLICY) == 0  # answered: nobody else told


async def test_workers_passing_at_once_on_postgresql_tell_each_thing_once(pg_db: Database) -> None:
    """Three webhook workers run the reminder pass at the same moment: no pass fails, each notice is queued once."""
    late = await taken_case(pg_db)  # Marie takes it and never answers
    async with pg_db.unit_of_work() as session:  # someone else's request nobody takes: the coordinators are reminded
        untaken = (await service.open_case(session, await a_person(session, 602), "callback", OPENED, POLICY)).id

    async def one_pass() -> None:
        async with pg_db.unit_of_work() as session:  # as `bot/outbox.py` `drain` runs it
            await service.release_orphans(session, DUE, POLICY)
            await service.remind_unclaimed(session, DUE)
            await service.remind_late(session, DUE, POLICY)

    await asyncio.gather(one_pass(), one_pass(), one_pass())
    async with pg_db.unit_of_work() as session:
        reminders = await late_notices(session, "reminder")
        assert {n.payload["case"] for n in reminders} == {untaken}
        assert len(reminders) == len({n.idempotency_key for n in reminders}) == 2  # Marie and Paul, once each
        assert [n.payload["case"] for n in await late_notices(session, "late")] == [late]


async def revoke_marie(db: Database, at: datetime) -> None:
    """Marie's role is taken away from the console: the case she held goes back to the queue."""
    async with db.unit_of_work() as session:
        marie = await session.get(StaffMember, 1)
        assert marie is not None
        await management.revoke(session, PAUL, marie, at, POLICY)


async def unclaimed_reminders(db: Database, at: datetime) -> list[int]:
    """One "nobody took it" reminder pass; which staff have been sent a reminder so far, in order."""
    async with db.unit_of_work() as session:
        await service.remind_unclaimed(session, at)
        return [n.payload["staff"] for n in await late_notices(session, "reminder")]


async def test_a_case_back_in_the_queue_after_its_reminder_reminds_the_coordinators_again_later(db: Database) -> None:
    await staff_team(db)
    case_id = await a_case(db, at=OPENED)
    assert await unclaimed_reminders(db, POLICY.remind(OPENED)) == [1, 2]  # nobody took it: Marie and Paul told
    async with db.unit_of_work() as session:
        assert (await service.take(session, case_id, MARIE, POLICY.remind(OPENED))).result == "taken"
    released = POLICY.remind(OPENED) + timedelta(hours=1)
    await revoke_marie(db, released)
    assert await unclaimed_reminders(db, released) == [1, 2]  # only "back in the queue" now
    assert await unclaimed_reminders(db, POLICY.remind(released) - timedelta(minutes=1)) == [1, 2]
    assert await unclaimed_reminders(db, POLICY.remind(released)) == [1, 2, 2]  # Paul, the coordinator left
    assert await unclaimed_reminders(db, POLICY.remind(released) + timedelta(hours=8)) == [1, 2, 2]  # once


async def test_a_case_back_in_the_queue_before_its_reminder_is_not_reminded_straight_after(db: Database) -> None:
    case_id = await taken_case(db)
    released = POLICY.remind(OPENED) - timedelta(minutes=10)
    await revoke_marie(db, released)
    async with db.unit_of_work() as session:
        assert [n.payload["staff"] for n in await late_notices(session, "released")] == [2]
    assert await unclaimed_reminders(db, POLICY.remind(OPENED)) == []  # not a second notice ten minutes later
    assert await unclaimed_reminders(db, POLICY.remind(released)) == [2]
    async with db.unit_of_work() as session:
        case = await session.get(Case, case_id)
        assert case is not None and case.status == "new"


async def test_workers_passing_at_once_on_postgresql_remind_an_unanswered_reply_once(pg_db: Database) -> None:
    """Three webhook workers run the reminder pass as the person's answer falls due: the holder is told once."""
    await answered_then_silent(pg_db)
    results = await asyncio.gather(remind(pg_db, REPLY_DUE), remind(pg_db, REPLY_DUE), remind(pg_db, REPLY_DUE))
    assert sorted(results) == [0, 0, 1]
    async with pg_db.unit_of_work() as session:
        assert [n.payload["staff"] for n in await late_notices(session, "reply_late")] == [1]
    assert await remind(pg_db, POLICY.remind(REPLY_DUE)) == 1
    async with pg_db.unit_of_work() as session:
        assert [n.payload["staff"] for n in await late_notices(session, "reply_late_escalated")] == [2]
