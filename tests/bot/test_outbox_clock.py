"""What scheduled messages say about time, sent through the fake Bot API with a controlled clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from telegram import Bot

from bot.budget import SharedBudget
from bot.outbox import drain
from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.core.roles import Staff
from faire_lien.sessions.reminders import announce_offer, schedule_reminders
from faire_lien.sessions.service import cancel_session, mark_attendance, move_session
from storage.db import Database
from storage.meetings import cancel, register
from storage.models import Meeting, OutboxMessage, Registration
from storage.people import Identity
from tests.bot.test_outbox import NEVER_QUIET, PARIS, SIGNER, add_person, paris
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person as Talker
from tests.support.cli import RunCli
from tests.support.clock import Clock
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.records import OPERATOR, a_meeting

STAFF = Staff("coordinator", None, "marie")


async def test_a_seat_offers_deadline_is_written_in_the_persons_language_and_digits(
    db: Database, api: FakeBotAPI, telegram: Bot, budget: SharedBudget
) -> None:
    holder, english, persian = (
        await add_person(db, api, 7101),
        await add_person(db, api, 7102, "en"),
        await add_person(db, api, 7103, "fa"),
    )
    morning = paris(23, 8, 0)
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=5), title={"fr": "Réunion C2S"}, capacity=1)
        for person in (holder, english, persian):
            await register(session, meeting.id, person, NOW)
        first = (await session.execute(select(Registration).where(Registration.person_id == holder))).scalar_one()
        offered = await cancel(session, first, morning)
        assert offered is not None
        await announce_offer(session, offered, meeting, morning)
    assert await drain(telegram, db, budget, lambda: morning, SIGNER) == 1
    (offer,) = api.messages(7102)
    assert "It is kept for you until November 24, 2026 8:00\u202fAM: will you take it?" in offer.text
    assert await drain(telegram, db, budget, lambda: paris(24, 9, 0), SIGNER) == 2  # let go: the next one
    (persian_offer,) = api.messages(7103)
    assert "۲۵ نوامبر ۲۰۲۶ ۹:۰۰" in persian_offer.text
    assert "09:00" not in persian_offer.text


async def test_a_session_moved_into_the_past_is_refused_and_nobody_is_told(
    db: Database, api: FakeBotAPI, telegram: Bot, budget: SharedBudget, run_cli: RunCli
) -> None:
    now = datetime.now(UTC)  # the command line uses the real clock
    person = await add_person(db, api, 7201)
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, now + timedelta(days=10), title={"fr": "Réunion C2S"}, capacity=5)
        booking = await register(session, meeting.id, person, now)
        assert booking.registration is not None
        await schedule_reminders(session, booking.registration, meeting, now)
        meeting_id, starts_at = meeting.id, meeting.starts_at
    yesterday = (now - timedelta(days=1)).astimezone(PARIS).date()
    move = ("sessions", "move", str(meeting_id), "--start", f"{yesterday} 09:00", "--end", "11:00")
    refused = run_cli(*move, env={"DATABASE_URL": db.url})
    assert refused.code == 1
    assert refused.stdout.strip() == "start: this date has passed: choose a date and time to come"
    async with db.unit_of_work() as session:
        kept = await session.get(Meeting, meeting_id)
        assert kept is not None and kept.starts_at == starts_at
        queued = (await session.execute(select(OutboxMessage.kind, OutboxMessage.status))).all()
    assert sorted(queued) == [("meeting_confirm", "pending"), ("meeting_details", "pending")]
    assert await drain(telegram, db, budget, lambda: now + timedelta(minutes=1), SIGNER, quiet=NEVER_QUIET) == 0
    assert api.messages(7201) == []


def wall(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Paris wall-clock time as the UTC instant the sender gets."""
    return datetime(year, month, day, hour, minute, tzinfo=PARIS).astimezone(UTC)


async def came_to(db: Database, person: int, starts: datetime, ends: datetime) -> None:
    """The person registered and was marked present at a session from `starts` to `ends`."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, starts, ends_at=ends, title={"fr": "Réunion C2S"})
        booking = await register(session, meeting.id, person, starts - timedelta(days=3))
        assert booking.registration is not None
        assert await mark_attendance(session, booking.registration.id, "present", STAFF, starts) is not None


IMPACT_FR = "Il y a trois mois, vous avez participé à « Réunion C2S »."


@pytest.mark.parametrize(
    ("starts", "ends", "too_early", "on_time"),
    [
        # winter to summer time: 18:30 stays 18:30 (not 19:30), on the last day of April
        (wall(2027, 1, 31, 16), wall(2027, 1, 31, 18, 30), wall(2027, 4, 30, 18, 29), wall(2027, 4, 30, 18, 30)),
        # a session ending after midnight in Paris: three months after its Paris day (1 June), not after UTC's
        (wall(2027, 2, 28, 22), wall(2027, 3, 1, 0, 30), wall(2027, 5, 31, 18), wall(2027, 6, 1, 8)),
        # 30 November: the end of February, a leap day in 2028
        (wall(2027, 11, 30, 14), wall(2027, 11, 30, 16), wall(2028, 2, 28, 16), wall(2028, 2, 29, 16)),
    ],
)
async def test_the_impact_survey_comes_three_months_later_on_the_paris_clock(
    db: Database,
    api: FakeBotAPI,
    telegram: Bot,
    budget: SharedBudget,
    starts: datetime,
    ends: datetime,
    too_early: datetime,
    on_time: datetime,
) -> None:
    person = await add_person(db, api, 7301)
    await came_to(db, person, starts, ends)
    assert await drain(telegram, db, budget, lambda: ends + timedelta(hours=1), SIGNER) == 0
    assert await drain(telegram, db, budget, lambda: too_early, SIGNER) == 0
    assert api.messages(7301) == []
    assert await drain(telegram, db, budget, lambda: on_time, SIGNER) == 1
    (survey,) = api.messages(7301)
    assert survey.text.startswith(IMPACT_FR)


async def test_a_session_moved_twice_in_the_evening_is_told_once_the_next_morning_with_its_last_date(
    db: Database, api: FakeBotAPI, telegram: Bot, budget: SharedBudget
) -> None:
    person = await add_person(db, api, 7401)
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=10), title={"fr": "Réunion C2S"})
        booking = await register(session, meeting.id, person, NOW)
        assert booking.registration is not None
        await schedule_reminders(session, booking.registration, meeting, NOW)
        meeting_id = meeting.id
    async with db.unit_of_work() as session:
        assert await move_session(session, meeting_id, "2026-12-08 14:00", "16:00", OPERATOR, paris(22, 21, 0)) == 1
    async with db.unit_of_work() as session:  # a typo put right ten minutes later
        assert await move_session(session, meeting_id, "2026-12-09 14:00", "16:00", OPERATOR, paris(22, 21, 10)) == 1
    assert await drain(telegram, db, budget, lambda: paris(22, 21, 15), SIGNER) == 0  # quiet hours
    assert await drain(telegram, db, budget, lambda: paris(23, 8, 0), SIGNER) == 1
    (moved,) = api.messages(7401)
    assert moved.text.startswith("🔁 « Réunion C2S » change de date : mercredi 9 décembre 2026, 14:00–16:00")
    async with db.unit_of_work() as session:
        due = {
            m.kind: m.due_at
            for m in (await session.execute(select(OutboxMessage).where(OutboxMessage.status == "pending"))).scalars()
        }
    assert due == {"meeting_confirm": wall(2026, 12, 7, 14), "meeting_details": wall(2026, 12, 8, 14)}


async def test_a_session_early_tomorrow_cancelled_or_moved_tonight_is_told_tonight(
    db: Database, api: FakeBotAPI, telegram: Bot, budget: SharedBudget
) -> None:
    """A check-up slot at 07:30 cancelled at 21:00 the evening before: the person reads it at once, in their language,
    not at 08:00 when they would be at the door (before: held by the quiet hours until 08:00). A session in the
    afternoon, moved at 21:00 to 07:30, is told at once too; one moved from the afternoon to another afternoon waits
    until 08:00, as every message does."""
    early, moved, later = (
        await add_person(db, api, 7301, "en"),
        await add_person(db, api, 7302, "ru"),
        await add_person(db, api, 7303),
    )
    async with db.unit_of_work() as session:
        meetings = []
        for person, starts in ((early, paris(24, 7, 30)), (moved, paris(24, 14)), (later, paris(25, 14))):
            meeting = await a_meeting(session, starts, kind="checkup", title={"fr": "Examen de santé"})
            await register(session, meeting.id, person, NOW)
            meetings.append(meeting.id)
    evening = paris(23, 21, 0)
    async with db.unit_of_work() as session:
        assert await cancel_session(session, meetings[0], OPERATOR, evening) == 1
        assert await move_session(session, meetings[1], "2026-11-24 07:30", "9:30", OPERATOR, evening) == 1
        assert await move_session(session, meetings[2], "2026-11-26 14:00", "16:00", OPERATOR, evening) == 1
    assert await drain(telegram, db, budget, lambda: evening, SIGNER) == 2
    (cancelled,) = api.messages(7301)
    assert cancelled.text.startswith("❌ “Examen de santé”, planned for Tuesday, November 24, 2026, 7:30\u202fAM")
    (moved_early,) = api.messages(7302)
    assert moved_early.text.startswith(
        "🔁 У встречи «Examen de santé» новая дата: вторник, 24 ноября 2026\u202fг., 07:30"
    )
    assert api.messages(7303) == []
    assert await drain(telegram, db, budget, lambda: paris(24, 8, 0), SIGNER) == 1


async def a_full_session_with_one_waiting(
    db: Database, api: FakeBotAPI, flows: dict[str, Flow], starts: datetime, clock: Clock
) -> tuple[Talker, int]:
    """A one-seat session starting at `starts`: a person in the chat holds the seat, an English speaker (7502) waits;
    the holder's talker and the session's number."""
    assistant = Assistant({k: v for k, v in flows.items() if k == "consent"}, available_languages(), clock=clock)
    api.user(7501)
    async with db.unit_of_work() as session:
        meeting_id = (await a_meeting(session, starts, title={"fr": "Examen de santé"}, capacity=1)).id
    holder = Talker(assistant, db, who=Identity(telegram_id=7501), language_hint="fr")
    for step in ("/start", "press:Français", "press:J'accepte", f"raw:reg:{meeting_id}"):
        await holder.do(step)
    waiting = await add_person(db, api, 7502, "en")
    async with db.unit_of_work() as session:
        assert (await register(session, meeting_id, waiting, NOW)).outcome == "waiting"
    return holder, meeting_id


async def cancelled_in_the_chat(holder: Talker) -> None:
    await holder.do("press:Mes inscriptions")
    await holder.do("press:Annuler")
    await holder.do("press:Oui, annuler")
    assert holder.screen[0].text.startswith("Votre inscription est annulée.")


@pytest.mark.parametrize(
    ("starts", "kept_until"),
    [
        (paris(24, 7, 30), "7:30\u202fAM"),  # before quiet hours end
        (paris(24, 8, 30), "8:30\u202fAM"),  # at 08:00 only half an hour would be left
    ],
)
async def test_a_seat_freed_at_night_for_an_early_session_is_offered_at_once(
    db: Database,
    api: FakeBotAPI,
    telegram: Bot,
    budget: SharedBudget,
    flows: dict[str, Flow],
    starts: datetime,
    kept_until: str,
) -> None:
    """Someone cancels at 02:00 a seat at a check-up early that morning: the first person waiting reads the offer at
    once (before: it waited for 08:00, after or just before the start, and the seat stayed empty)."""
    clock = Clock()
    holder, _ = await a_full_session_with_one_waiting(db, api, flows, starts, clock)
    clock.now = paris(24, 2, 0)
    await cancelled_in_the_chat(holder)
    assert await drain(telegram, db, budget, lambda: clock.now, SIGNER) == 1
    (offer,) = api.messages(7502)
    assert offer.text.startswith("🎉 A place has become free for “Examen de santé”")
    assert f"It is kept for you until November 24, 2026 {kept_until}: will you take it?" in offer.text


async def test_a_seat_freed_at_night_for_a_later_session_is_offered_when_quiet_hours_end(
    db: Database, api: FakeBotAPI, telegram: Bot, budget: SharedBudget, flows: dict[str, Flow]
) -> None:
    clock = Clock()
    holder, _ = await a_full_session_with_one_waiting(db, api, flows, paris(24, 14), clock)
    clock.now = paris(24, 2, 0)
    await cancelled_in_the_chat(holder)
    assert await drain(telegram, db, budget, lambda: clock.now, SIGNER) == 0
    assert await drain(telegram, db, budget, lambda: paris(24, 8, 0), SIGNER) == 1
    (offer,) = api.messages(7502)
    assert "It is kept for you until November 24, 2026 2:00\u202fPM: will you take it?" in offer.text


async def test_a_seat_freed_less_than_an_hour_before_the_start_is_free_to_take_and_offered_to_nobody(
    db: Database, api: FakeBotAPI, telegram: Bot, budget: SharedBudget, flows: dict[str, Flow]
) -> None:
    """Cancelled at 06:45 for 07:30: no offer wakes the person waiting for a seat they could not reach in time, nor
    holds it from someone who registers now (before: offered, held until 08:00, then lost to everyone)."""
    clock = Clock()
    holder, meeting_id = await a_full_session_with_one_waiting(db, api, flows, paris(24, 7, 30), clock)
    clock.now = paris(24, 6, 45)
    await cancelled_in_the_chat(holder)
    assert await drain(telegram, db, budget, lambda: clock.now, SIGNER, quiet=NEVER_QUIET) == 0
    assert api.messages(7502) == []
    latecomer = await add_person(db, api, 7503)
    async with db.unit_of_work() as session:
        assert (await register(session, meeting_id, latecomer, paris(24, 6, 50))).outcome == "registered"
