"""Hostile input: 10 000 random updates (texts, commands, unicode, 4 096-character messages, media, edits,
forged button data aimed at someone else's registration) never raise and never change another person's data."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from dialogs.i18n import available_languages
from dialogs.loader import BUILTIN_DIRS, load_flows
from dialogs.results import BUILDERS
from faire_lien.assistant import Assistant
from faire_lien.core.inbound import Inbound
from storage.db import Database
from storage.meetings import register
from storage.migrate import upgrade
from storage.models import Answer, Conversation, Meeting, Person, Registration, Response
from storage.people import Identity, add_person, find_person, record_consent
from tests.support.records import a_meeting

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
VICTIM, ATTACKER = Identity(telegram_id=1), Identity(telegram_id=666)
EVENTS_PER_EXAMPLE = 50
EXAMPLES = 200  # 10 000 updates in all

ids = st.integers(min_value=0, max_value=12)
forged_actions = st.one_of(
    st.builds("reg:{}".format, ids),
    st.builds("cancel:{}:yes".format, ids),
    st.builds("cancel:{}:ask".format, ids),
    st.builds("take:{}".format, ids),
    st.builds("come:{}".format, ids),
    st.builds("att:{}:present".format, ids),
    st.builds("offer:{}:renewal".format, ids),
    st.builds("offer:{}:callback".format, ids),
    st.builds("sv:{}".format, ids),
    st.builds("svn:{}".format, ids),  # as drawn before it named the questionnaire it sets aside
    st.builds("svn:{}:rights_check".format, ids),  # as drawn before it named it in four characters
    st.builds("svn:{}:{}".format, ids, st.text("abcdefghijklmnopqrstuvwxyz234567", min_size=4, max_size=4)),
    st.builds("m:{}".format, ids),
    st.builds("sm:{}".format, ids),
    st.builds("poll:{}".format, ids),
    st.builds("rep:{}".format, st.integers(1000, 9999)),
    st.builds("f:{}:o{}".format, st.integers(0, 40), st.integers(0, 12)),
    st.sampled_from(
        [
            "menu:rights",
            "menu:screening",
            "menu:sessions",
            "menu:registrations",
            "go:rights_check",
            "go:publish_session",
            "obo:epices:yes",
            "obo:epices:new",  # as drawn before it named the questionnaire it sets aside
            "obn:epices:rights_check",
            "mdn:en:epices",  # as drawn before it named the questionnaire it sets aside
            "mdn:en:epices:rights_check",
            "st:list",
            "st:grids",
            "resume",
            "new:epices",
            "new:epices:rights_check",
            "new:epices:gnyq",
            "lang:fr",
            "setlang:en",
            "consent:no:fr",
            "consent:yes:fr",
            "f:1:done",
            "f:1:back",
        ]
    ),
    st.text(max_size=70),
)
texts = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=4000, max_size=4096),
    st.sampled_from(["1 200,50 €", "1.200", "-5", "10 000 000", "31/02/2026", "🙂" * 50, "\u202e\u200b", "0", "40"]),
)
commands = st.one_of(
    st.sampled_from(["start", "menu", "help", "privacy", "language", "mydata", "staff", "invite", "forget"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=20),
)
events = st.one_of(
    st.builds(lambda v: Inbound("action", v), forged_actions),
    st.builds(lambda v: Inbound("text", v), texts),
    st.builds(lambda v, a: Inbound("command", v, a), commands, st.text(max_size=30)),
    st.just(Inbound("media")),
    st.just(Inbound("edited")),
)


async def victim_snapshot(session: Any) -> tuple[Any, ...]:
    victim = await find_person(session, VICTIM)
    assert victim is not None
    regs = (
        await session.execute(
            select(Registration.id, Registration.status, Registration.attendance).where(
                Registration.person_id == victim.id
            )
        )
    ).all()
    answers = (await session.execute(select(Answer.step_id, Answer.value).where(Answer.person_id == victim.id))).all()
    responses = await session.scalar(select(func.count()).where(Response.person_id == victim.id))
    conversation = (
        await session.execute(
            select(Conversation.step_id, Conversation.answers).where(Conversation.person_id == victim.id)
        )
    ).all()
    return (victim.consent, victim.language, tuple(regs), tuple(answers), responses, tuple(conversation))


async def prepare(url: str) -> None:
    db = Database(url)
    async with db.unit_of_work() as session:
        victim = add_person(session, VICTIM)
        record_consent(victim, accepted=True, language="fr", version="v", at=NOW)
        await session.flush()
        for days in (5, 9):
            meeting = await a_meeting(
                session,
                NOW + timedelta(days=days),
                kind="info_meeting",
                title={"fr": "Réunion"},
                place="CPAM",
                address="1 rue X, 86000",
                capacity=1,
            )
            await register(session, meeting.id, victim.id, NOW)
    await db.dispose()


async def play(url: str, assistant: Assistant, batch: list[Inbound]) -> None:
    db = Database(url)
    try:
        async with db.unit_of_work() as session:
            before = await victim_snapshot(session)
        for inbound in batch:
            async with db.unit_of_work() as session:
                event = Inbound(inbound.kind, inbound.value, inbound.argument, "fr", None)
                replies = await assistant.handle(session, ATTACKER, event)
                assert all(isinstance(r.text, str) for r in replies)
        async with db.unit_of_work() as session:
            assert await victim_snapshot(session) == before, "the attacker changed the victim's data"
            for meeting in (await session.execute(select(Meeting))).scalars():
                held = await session.scalar(
                    select(func.count()).where(
                        Registration.meeting_id == meeting.id, Registration.status.in_(("registered", "offered"))
                    )
                )
                assert meeting.taken == held, "seats counted and seats held differ"
            attacker = await find_person(session, ATTACKER)
            assert attacker is None or isinstance(attacker, Person)
    finally:
        await db.dispose()


class Arena:
    """One database for the whole run: a victim with two registrations, and an attacker."""

    def __init__(self) -> None:
        self.folder = tempfile.TemporaryDirectory()
        self.url = f"sqlite+aiosqlite:///{Path(self.folder.name) / 'hostile.db'}"
        upgrade(self.url)
        asyncio.run(prepare(self.url))
        flows = load_flows(list(BUILTIN_DIRS), BUILDERS)
        self.assistant = Assistant(flows, available_languages(), clock=lambda: NOW)


ARENA: list[Arena] = []


@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(batch=st.lists(events, min_size=EVENTS_PER_EXAMPLE, max_size=EVENTS_PER_EXAMPLE))
def test_hostile_random_updates_never_crash_nor_touch_someone_elses_data(batch: list[Inbound]) -> None:
    if not ARENA:
        ARENA.append(Arena())
    arena = ARENA[0]
    asyncio.run(play(arena.url, arena.assistant, batch))
