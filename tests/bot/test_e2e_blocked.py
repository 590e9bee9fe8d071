"""A person who blocks the bot: recorded; nothing is sent in vain; a seat offered to them goes to the next person."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from telegram import Bot

from bot.budget import SharedBudget
from bot.outbox import drain
from dialogs.i18n import available_languages, translator
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.cases.service import take
from faire_lien.core.roles import Staff
from faire_lien.outbox.screens import line
from faire_lien.outbox.service import failed_messages
from faire_lien.sessions.reminders import announce_offer, schedule_reminders
from faire_lien.surveys.invitations import HOT
from storage.db import Database
from storage.meetings import cancel, register
from storage.models import AuditEntry, Case, Meeting, OutboxMessage, Person, Registration, SurveyInvitation
from storage.outbox import schedule
from storage.staff import grant
from storage.surveys import invite
from tests.bot.test_outbox import SIGNER, add_person, queue_renewal
from tests.conftest import NOW
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.records import a_meeting
from web.console.audit_words import Names, sentence
from web.console.i18n import catalog

OFFER = "🎉 Une place s'est libérée pour « Réunion C2S »"
SOON = NOW + timedelta(seconds=5)


async def seat_freed_for(db: Database, people: list[int]) -> Meeting:
    """A one-seat session: people[0] has the seat and cancels, people[1] is offered it, people[2] waits."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(
            session,
            NOW + timedelta(days=5),
            kind="info_meeting",
            title={"fr": "Réunion C2S"},
            place="CPAM",
            address="1 rue X, 86000 Poitiers",
            capacity=1,
        )
        for p in people:
            await register(session, meeting.id, p, NOW)
        first = (await session.execute(select(Registration).where(Registration.person_id == people[0]))).scalar_one()
        offered = await cancel(session, first, NOW)
        assert offered is not None and offered.person_id == people[1]
        await announce_offer(session, offered, meeting, NOW)
        return meeting


async def blocked_at(db: Database, person_id: int) -> object:
    async with db.unit_of_work() as session:
        person = await session.get(Person, person_id)
        assert person is not None
        return person.blocked_at


async def test_an_offer_refused_with_403_goes_to_the_next_person_at_once(
    db: Database, api: FakeBotAPI, telegram: Bot, budget: SharedBudget
) -> None:
    """The person offered the seat blocked the bot: Telegram refuses the offer, the next person gets it seconds
    later (not 24 hours later), the block is recorded and the blocked person is not tried again."""
    people = [await add_person(db, api, 540 + i) for i in range(3)]
    await seat_freed_for(db, people)
    api.block(541)
    assert await drain(telegram, db, budget, lambda: NOW, SIGNER) == 0
    assert await drain(telegram, db, budget, lambda: SOON, SIGNER) == 1
    (offer,) = api.messages(542)
    assert offer.text.startswith(OFFER)
    assert offer.labels == ["✅ Je prends la place", "✖ Je ne peux pas"]
    assert await blocked_at(db, people[1]) == NOW
    tried = len(api.calls_of("sendMessage"))
    await queue_renewal(db, people[1], SOON, "renewal")
    assert await drain(telegram, db, budget, lambda: SOON, SIGNER) == 0
    assert len(api.calls_of("sendMessage")) == tried  # known blocked: not even tried
    await drain(telegram, db, budget, lambda: NOW + timedelta(hours=25), SIGNER)  # the next person's offer lapses
    assert api.messages(541) == []  # never a lapse notice for an offer that never reached them


async def test_blocking_passes_a_held_offer_on_and_unblocking_restores_messages(
    db: Database, api: FakeBotAPI, telegram: Bot, real_budget: SharedBudget, assistant: Assistant
) -> None:
    """The person offered a seat blocks the bot: the next person is offered it at once; a reminder falling due
    meanwhile is not sent then; once unblocked, it goes out and what they type is answered as usual."""
    people = [await add_person(db, api, 550 + i) for i in range(3)]
    await seat_freed_for(db, people)
    assert await drain(telegram, db, real_budget, lambda: NOW, SIGNER) == 1
    (offer,) = api.messages(551)
    assert offer.text.startswith(OFFER)  # the seat is theirs for 24 hours
    person = api.user(551)
    async with driven_bot(api, db, assistant) as bot:
        api.bot_status(person, person.id, "member", "kicked")
        await bot.deliver()
        assert await blocked_at(db, people[1]) is not None
        await queue_renewal(db, people[1], NOW, "while blocked")
        assert await drain(telegram, db, real_budget, lambda: SOON, SIGNER) == 1
        (next_offer,) = api.messages(552)
        assert next_offer.text.startswith(OFFER)
        async with db.unit_of_work() as session:
            message = (
                await session.execute(select(OutboxMessage).where(OutboxMessage.idempotency_key == "while blocked"))
            ).scalar_one()
            assert message.status == "cancelled"
        api.bot_status(person, person.id, "kicked", "member")
        await bot.deliver()
        assert await blocked_at(db, people[1]) is None
        assert await drain(telegram, db, real_budget, lambda: SOON, SIGNER) == 2  # the reminder, the seat gone on
        mark = api.mark(person.chat_id)
        api.send_text(person, "/menu")
        await bot.deliver()
        [menu] = [m for m in api.messages(person.chat_id) if m.message_id > mark]
    missed = sorted(m.text[:40] for m in api.messages(551)[1:-1])
    assert missed == ["Le bot n'a pas pu vous joindre : la plac", "⏰ Rappel : vos droits à la C2S prennent "]
    assert menu.text == "Que voulez-vous faire ?"


async def test_writing_again_clears_a_block_whose_unblocking_was_missed(
    db: Database, api: FakeBotAPI, telegram: Bot, real_budget: SharedBudget, assistant: Assistant
) -> None:
    """Recorded as blocked (the unblocking update was lost while the bot was down), the person writes: they are
    answered, the reminder they missed meanwhile reaches them, and reminders reach them again."""
    person_id = await add_person(db, api, 560)
    async with db.unit_of_work() as session:
        stored = await session.get(Person, person_id)
        assert stored is not None
        stored.blocked_at = NOW
    await queue_renewal(db, person_id, NOW, "while blocked")
    assert await drain(telegram, db, real_budget, lambda: NOW, SIGNER) == 0
    person = api.user(560)
    async with driven_bot(api, db, assistant) as bot:
        api.send_text(person, "/menu")
        await bot.deliver()
        assert api.messages(560)[-1].text == "Que voulez-vous faire ?"
        assert await blocked_at(db, person_id) is None
        assert await drain(telegram, db, real_budget, lambda: SOON, SIGNER) == 1  # the one missed
        assert api.messages(560)[-1].text.startswith(RENEWAL)
        await queue_renewal(db, person_id, SOON, "after writing")
        assert await drain(telegram, db, real_budget, lambda: SOON, SIGNER) == 1
    assert api.messages(560)[-1].text.startswith(RENEWAL)
    assert len(api.messages(560)) == 3


async def test_a_reply_refused_with_403_records_the_block_and_passes_the_offer_on(
    db: Database, api: FakeBotAPI, telegram: Bot, real_budget: SharedBudget, assistant: Assistant
) -> None:
    """The person offered a seat writes, then blocks the bot before the answer: Telegram refuses the reply, the block
    is recorded, the next person is offered the seat at once and nothing more is even tried for the blocked one."""
    people = [await add_person(db, api, 570 + i) for i in range(3)]
    await seat_freed_for(db, people)
    assert await drain(telegram, db, real_budget, lambda: NOW, SIGNER) == 1
    person = api.user(571)
    async with driven_bot(api, db, assistant) as bot:
        api.send_text(person, "/menu")
        api.block(571)
        tried = len(api.calls_of("sendMessage"))
        await bot.deliver()
        assert len(api.calls_of("sendMessage")) == tried + 1  # the menu, refused
    assert await blocked_at(db, people[1]) == NOW
    assert await drain(telegram, db, real_budget, lambda: SOON, SIGNER) == 1
    (next_offer,) = api.messages(572)
    assert next_offer.text.startswith(OFFER)
    tried = len(api.calls_of("sendMessage"))
    await queue_renewal(db, people[1], SOON, "after the refused reply")
    assert await drain(telegram, db, real_budget, lambda: SOON, SIGNER) == 0
    assert len(api.calls_of("sendMessage")) == tried  # known blocked: not even tried


CONFIRM = "⏰ Rappel : « Réunion C2S », vendredi 27 novembre 2026, 11:00–13:00, CPAM. Viendrez-vous ?"
DETAILS = "📍 C'est demain : « Réunion C2S », vendredi 27 novembre 2026, 11:00–13:00.\nCPAM, 41 rue Touffenet"
RENEWAL = "⏰ Rappel : vos droits à la C2S prennent fin le 31 janvier 2027."
POLL = "Merci d'être venu·e à « Atelier » (25 novembre 2026). Deux minutes pour nous donner votre avis ?"


async def booked(db: Database, person_id: int, starts: timedelta, title: str) -> Meeting:
    """The person registered for a session `starts` after NOW, with its two reminders queued."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + starts, title={"fr": title}, place="CPAM")
        booking = await register(session, meeting.id, person_id, NOW)
        assert booking.registration is not None
        await schedule_reminders(session, booking.registration, meeting, NOW)
        return meeting


async def test_unblocking_sends_again_once_what_still_lies_ahead(
    db: Database, api: FakeBotAPI, telegram: Bot, real_budget: SharedBudget, flows: dict[str, Flow]
) -> None:
    """Reminders falling due while the person blocked the bot are sent when they unblock it, once, for what is still
    to come (tomorrow's session, a renewal date ahead, an unanswered poll), and nothing for what is past (a session
    held meanwhile, a renewal date gone by); unblocking or writing again later sends nothing twice."""
    clock = [NOW]
    chosen = {k: v for k, v in flows.items() if k != "all_kinds"}
    assistant = Assistant(chosen, available_languages(), clock=lambda: clock[0])
    person_id = await add_person(db, api, 580)
    await booked(db, person_id, timedelta(days=5), "Réunion C2S")
    held = await booked(db, person_id, timedelta(days=3), "Atelier")
    await queue_renewal(db, person_id, NOW + timedelta(days=1), "ahead")
    async with db.unit_of_work() as session:
        await schedule(
            session,
            person_id,
            kind="renewal_reminder",
            due_at=NOW + timedelta(days=1),
            payload={"cover": "c2s", "end": "2026-11-24"},
            key="gone by",
            now=NOW,
        )
        await invite(session, person_id, HOT, held.id, NOW + timedelta(days=3, hours=3), NOW)
    person = api.user(580)
    async with driven_bot(api, db, assistant) as bot:
        api.bot_status(person, person.id, "member", "kicked")
        await bot.deliver()
        for day in (1, 2, 3, 4):  # each day's reminders fall due while the bot is blocked
            clock[0] = NOW + timedelta(days=day, hours=3, minutes=30)
            assert await drain(telegram, db, real_budget, lambda: clock[0], SIGNER) == 0
        assert api.messages(580) == []
        api.bot_status(person, person.id, "kicked", "member")  # the day before the session, 14:00 Paris
        await bot.deliver()
        assert await drain(telegram, db, real_budget, lambda: clock[0], SIGNER) == 4
        api.bot_status(person, person.id, "member", "kicked")
        await bot.deliver()
        api.bot_status(person, person.id, "kicked", "member")
        await bot.deliver()
        mark = api.mark(person.chat_id)
        api.send_text(person, "/menu")
        await bot.deliver()
        assert await drain(telegram, db, real_budget, lambda: clock[0], SIGNER) == 0
    missed = [m.text for m in api.messages(580) if m.message_id <= mark]  # sent at once, in any order
    assert len(missed) == 4
    for start in (CONFIRM, DETAILS, RENEWAL, POLL):  # each once; none about the session held meanwhile
        assert sum(text.startswith(start) for text in missed) == 1, start
    assert api.messages(580)[-1].text == "Que voulez-vous faire ?"
    async with db.unit_of_work() as session:
        invitation = (await session.execute(select(SurveyInvitation))).scalar_one()
        assert invitation.status == "sent"  # the facilitator sees the poll reached them


LOST = "Le bot n'a pas pu vous joindre : la place qui vous était proposée pour « Réunion C2S » est allée"


async def test_an_offer_lost_while_blocked_is_told_after_unblocking_and_the_person_can_join_again(
    db: Database, api: FakeBotAPI, telegram: Bot, real_budget: SharedBudget, assistant: Assistant
) -> None:
    """The person offered a seat blocks the bot: the seat goes to the next person. Unblocking, they are told it went
    on (once), their registrations say so, the old offer's button says so rather than "the time passed", and they
    can join the waiting list again."""
    people = [await add_person(db, api, 590 + i) for i in range(4)]
    meeting = await seat_freed_for(db, people[:3])
    assert await drain(telegram, db, real_budget, lambda: NOW, SIGNER) == 1
    (offer,) = api.messages(591)
    person = api.user(591)
    async with driven_bot(api, db, assistant) as bot:
        api.bot_status(person, person.id, "member", "kicked")
        await bot.deliver()
        async with db.unit_of_work() as session:
            await register(session, meeting.id, people[3], NOW)  # someone joins the list meanwhile
        api.bot_status(person, person.id, "kicked", "member")
        await bot.deliver()
        assert await drain(telegram, db, real_budget, lambda: SOON, SIGNER) == 2  # the next person's offer, the notice
        (told,) = api.messages(591)[1:]
        assert told.text.startswith(LOST)
        assert told.labels == ["✅ M'inscrire", "☰ Menu"]
        api.bot_status(person, person.id, "member", "kicked")
        api.bot_status(person, person.id, "kicked", "member")
        await bot.deliver()
        assert await drain(telegram, db, real_budget, lambda: SOON, SIGNER) == 0  # told once
        api.press(person, offer, offer.button("Je prends la place"))
        await bot.deliver()
        pressed = api.messages(591)[-2]
        assert pressed.text.startswith(LOST)
        api.send_text(person, "/menu")
        await bot.deliver()
        menu = api.messages(591)[-1]
        api.press(person, menu, menu.button("Mes inscriptions"))
        await bot.deliver()
        mine = api.messages(591)[-1]
        lines = mine.text.split("\n")
        assert lines[:2] == [
            "Vos inscriptions :",
            "• Réunion C2S — 27 nov. · 11:00 (la place proposée est allée à la personne suivante)",
        ]
        api.press(person, mine, mine.button("Me réinscrire"))
        await bot.deliver()
    assert "vous êtes n° 2 sur la liste d'attente" in api.messages(591)[-2].text


async def test_staff_read_a_lost_offer_notice_that_failed_as_a_seat_lost_to_a_block(
    db: Database, api: FakeBotAPI, telegram: Bot, real_budget: SharedBudget, assistant: Assistant
) -> None:
    """The notice "the seat went to the next person", refused because the person blocked the bot again: staff's
    undelivered-messages line names it "Place proposée perdue (bot bloqué)" (before: "non prise à temps")."""
    people = [await add_person(db, api, 600 + i) for i in range(3)]
    await seat_freed_for(db, people)
    assert await drain(telegram, db, real_budget, lambda: NOW, SIGNER) == 1
    person = api.user(601)
    async with driven_bot(api, db, assistant) as bot:
        api.bot_status(person, person.id, "member", "kicked")
        await bot.deliver()
        api.bot_status(person, person.id, "kicked", "member")
        await bot.deliver()
    api.block(601)  # blocked again before the notice went out: Telegram refuses it
    assert await drain(telegram, db, real_budget, lambda: SOON, SIGNER) == 1  # the next person's offer only
    async with db.unit_of_work() as session:
        (failed,) = await failed_messages(session, "alice", SOON)
        shown = await line(session, translator("fr"), failed)
    assert " · Place proposée perdue (bot bloqué) · réservation " in shown, shown
    assert "non prise à temps" not in shown


async def test_the_case_opened_for_a_refused_reminder_closes_when_it_is_delivered_after_unblocking(
    db: Database, api: FakeBotAPI, telegram: Bot, real_budget: SharedBudget, flows: dict[str, Flow]
) -> None:
    """Telegram refuses a reminder (403): coordinators get an undelivered-message case. The person unblocks the bot
    and the reminder reaches them: the case is closed (« plus besoin ») and the journal says the bot closed it once
    the message was delivered; a case about a message that never went out again stays open."""
    clock = [NOW + timedelta(days=3, hours=3, minutes=30)]
    chosen = {k: v for k, v in flows.items() if k != "all_kinds"}
    assistant = Assistant(chosen, available_languages(), clock=lambda: clock[0])
    person_id = await add_person(db, api, 595)
    await booked(db, person_id, timedelta(days=5), "Réunion C2S")
    await queue_renewal(db, person_id, clock[0], "gone by")
    async with db.unit_of_work() as session:  # its cover ended meanwhile: nothing to send again
        renewal = await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "renewal_reminder"))
        renewal.scalar_one().payload = {"cover": "c2s", "end": "2026-11-24"}
    api.block(595)
    assert await drain(telegram, db, real_budget, lambda: clock[0], SIGNER) == 0
    assert [(c.kind, c.status) for c in await cases_of(db)] == [("undelivered", "new"), ("undelivered", "new")]
    person = api.user(595)
    async with driven_bot(api, db, assistant) as bot:
        api.bot_status(person, person.id, "kicked", "member")
        await bot.deliver()
        assert await drain(telegram, db, real_budget, lambda: clock[0], SIGNER) == 1
    assert [m.text for m in api.messages(595)] == [CONFIRM]
    reminder, renewal_case = await cases_of(db)
    assert (reminder.status, reminder.outcome, reminder.closed_at) == ("closed", "not_needed", clock[0])
    assert renewal_case.status == "new"
    async with db.unit_of_work() as session:
        (entry,) = (await session.execute(select(AuditEntry).where(AuditEntry.action == "close_case"))).scalars()
        journal = sentence(entry, Names(catalog("fr").gettext, "fr"))
    assert (
        journal == f"Le bot (message remis ensuite) a clos la demande n° {reminder.id} (personne n° {person_id}) : "
        "plus besoin."
    )


async def cases_of(db: Database) -> list[Case]:
    """Every case, oldest first."""
    async with db.unit_of_work() as session:
        return list((await session.execute(select(Case).order_by(Case.id))).scalars())


async def test_the_staff_member_holding_the_case_is_told_when_the_message_reaches_the_person_after_all(
    db: Database, api: FakeBotAPI, telegram: Bot, real_budget: SharedBudget, flows: dict[str, Flow]
) -> None:
    """A coordinator took the undelivered-reminder case (to phone the person); the person unblocks the bot and the
    reminder reaches them: the coordinator reads in Telegram that the case is closed and why, so nobody phones for
    nothing."""
    clock = [NOW + timedelta(days=3, hours=3, minutes=30)]
    chosen = {k: v for k, v in flows.items() if k != "all_kinds"}
    assistant = Assistant(chosen, available_languages(), clock=lambda: clock[0])
    person_id = await add_person(db, api, 596)
    coordinator = await add_person(db, api, 901)
    await booked(db, person_id, timedelta(days=5), "Réunion C2S")
    api.block(596)
    assert await drain(telegram, db, real_budget, lambda: clock[0], SIGNER) == 0
    (case,) = await cases_of(db)
    async with db.unit_of_work() as session:
        member = await grant(session, 901, "coordinator", "test", NOW)
        await session.flush()
        taken = await take(session, case.id, Staff("coordinator", member.id, "telegram:901"), clock[0])
    assert taken.result == "taken"
    notices_before = len(api.messages(901))
    person = api.user(596)
    async with driven_bot(api, db, assistant) as bot:
        api.bot_status(person, person.id, "kicked", "member")
        await bot.deliver()
        assert await drain(telegram, db, real_budget, lambda: clock[0], SIGNER) == 1  # the reminder
        assert await drain(telegram, db, real_budget, lambda: clock[0], SIGNER) == 1  # the notice it queued
    assert [m.text for m in api.messages(596)] == [CONFIRM]
    (told,) = api.messages(901)[notices_before:]
    assert told.text == (
        f"✅ La demande n° {case.id} (message non distribué) est close : le message que la personne n'avait pas "
        "reçu lui est parvenu ensuite (elle a débloqué le bot). Plus besoin de la contacter pour ce message."
    )
    assert coordinator != person_id
