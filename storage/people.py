"""Repository functions for people: find by channel identity (with their conversation), move on, record consent."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Label, Row, Select, bindparam, inspect, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.conversations import remember_conversation
from storage.models import Case, Conversation, Person, ProcessedUpdate
from storage.rows import as_loaded, first_row, is_stored, run_core, table_of, written

PEOPLE = table_of(Person)
CONVERSATIONS = table_of(Conversation)
PERSON = [(inspect(Person).get_property_by_column(c).key, c.name) for c in PEOPLE.c]
CONVERSATION = [
    (inspect(Conversation).get_property_by_column(c).key, f"conversation_{c.name}") for c in CONVERSATIONS.c
]
"""Attribute names, and the name of their column in the person's query."""


PROCESSED = table_of(ProcessedUpdate)
LATER_HANDLED = (
    select(PROCESSED.c.update_id)
    .where(
        PROCESSED.c.person_key == bindparam("person_key", type_=BigInteger()),
        PROCESSED.c.update_id > bindparam("update_id", type_=BigInteger()),
    )
    .exists()
    .label("later_handled")
)
"""Whether an update of this person with a higher id than this one was already handled: one probe of the index
(person_key, update_id), inside the query that reads the person (no statement added to an update's work)."""


CASES = table_of(Case)
OPEN_CASE = (
    select(CASES.c.id).where(CASES.c.person_id == PEOPLE.c.id, CASES.c.status != "closed").exists().label("open_case")
)
"""Whether the person has a request still open: one probe of the index on `cases.person_id`, inside the query that
reads the person, so that typed text needs no query about requests for the many people who have none."""
OPEN_CASES = "faire_lien.open_case"
"""`session.info` key: the people this session read, and whether each had a request open then."""


def _with_conversation(where: ColumnElement[bool], *more: Label[Any]) -> Select[Any]:
    """One person's row and their conversation's, if any, in one query (with `more` columns)."""
    conversation = (c.label(f"conversation_{c.name}") for c in CONVERSATIONS.c)
    return (
        select(*PEOPLE.c, *conversation, OPEN_CASE, *more)
        .outerjoin(CONVERSATIONS, CONVERSATIONS.c.person_id == PEOPLE.c.id)
        .where(where)
    )


BY_TELEGRAM = _with_conversation(PEOPLE.c.telegram_id == bindparam("telegram_id"))
BY_TERMINAL = _with_conversation(PEOPLE.c.terminal_user == bindparam("terminal_user"))
BY_TELEGRAM_AT = _with_conversation(PEOPLE.c.telegram_id == bindparam("telegram_id"), LATER_HANDLED)
BY_TERMINAL_AT = _with_conversation(PEOPLE.c.terminal_user == bindparam("terminal_user"), LATER_HANDLED)
SET_TURN = update(PEOPLE).where(PEOPLE.c.id == bindparam("person"))


@dataclass(frozen=True)
class Identity:
    """Who is talking: a Telegram user id or a terminal user name."""

    telegram_id: int | None = None
    terminal_user: str | None = None


def person_key(who: Identity) -> int:
    """The advisory lock's key for this person: their Telegram id, or a checksum of the terminal user's name."""
    return who.telegram_id if who.telegram_id is not None else zlib.crc32((who.terminal_user or "").encode())


async def find_person(session: AsyncSession, who: Identity) -> Person | None:
    """The person behind this identity, if they answered the consent question.

    Their unfinished conversation is read by the same query and kept in the session, so that
    `load_conversation` needs no second one.
    """
    if who.telegram_id is not None:
        row = await first_row(session, BY_TELEGRAM, {"telegram_id": who.telegram_id})
    else:
        row = await first_row(session, BY_TERMINAL, {"terminal_user": who.terminal_user})
    return None if row is None else _loaded(session, row)


async def find_person_at(session: AsyncSession, who: Identity, update_id: int) -> tuple[Person | None, bool]:
    """The person, as `find_person` reads them, and whether this update is late: one of theirs with a higher id
    was already handled (webhook workers may take a person's updates out of order). Still one query."""
    late = {"person_key": person_key(who), "update_id": update_id}
    if who.telegram_id is not None:
        row = await first_row(session, BY_TELEGRAM_AT, {"telegram_id": who.telegram_id, **late})
    else:
        row = await first_row(session, BY_TERMINAL_AT, {"terminal_user": who.terminal_user, **late})
    if row is None:
        return None, False
    return _loaded(session, row), bool(row._mapping["later_handled"])


def _loaded(session: AsyncSession, row: Row[Any]) -> Person:
    """The session's person of this row, their conversation (or none) remembered for `load_conversation`."""
    values = row._mapping
    person = as_loaded(session, Person, {key: values[name] for key, name in PERSON})
    conversation = {key: values[name] for key, name in CONVERSATION}
    remember_conversation(session, person.id, conversation if conversation["person_id"] is not None else None)
    session.info.setdefault(OPEN_CASES, {})[person.id] = bool(values["open_case"])
    return person


def may_have_open_case(session: AsyncSession, person_id: int) -> bool:
    """False only when this session read the person with no request open and opened none since: no need to look."""
    return session.info.get(OPEN_CASES, {}).get(person_id, True) is not False


def case_opened(session: AsyncSession, person_id: int) -> None:
    """A request was opened for this person in this session: `may_have_open_case` says so from now on."""
    session.info.setdefault(OPEN_CASES, {})[person_id] = True


async def advance_turn(session: AsyncSession, person: Person) -> None:
    """Move the person's turn on (a new screen of questions): one UPDATE of that column, nothing else written."""
    turn = person.turn + 1
    if not is_stored(person):
        person.turn = turn  # inserted with its first flush
        return
    await run_core(session, SET_TURN, {"person": person.id, "turn": turn})
    written(person, {"turn": turn})


async def get_person(session: AsyncSession, person_id: int) -> Person | None:
    """One person by number."""
    return await session.get(Person, person_id)


async def telegram_ids(session: AsyncSession, person_ids: list[int]) -> dict[int, int | None]:
    """The Telegram id of each of these people (None for someone without Telegram)."""
    if not person_ids:
        return {}
    query = select(Person.id, Person.telegram_id).where(Person.id.in_(person_ids))
    return {int(pid): telegram_id for pid, telegram_id in (await session.execute(query)).all()}


def add_person(session: AsyncSession, who: Identity) -> Person:
    """A new person row for this identity (created only when they answer the consent question)."""
    person = Person(telegram_id=who.telegram_id, terminal_user=who.terminal_user)
    session.add(person)
    return person


def record_consent(person: Person, *, accepted: bool, language: str, version: str, at: datetime) -> None:
    """Set the consent decision (the only thing kept on refusal, with the language it was given in)."""
    person.language = language
    person.consent = "accepted" if accepted else "refused"
    person.consent_at = at
    person.consent_version = version


async def set_blocked(session: AsyncSession, telegram_id: int, at: datetime | None) -> Person | None:
    """Record that this Telegram user blocked the bot at `at` (None: unblocked it); their person, if any."""
    person = (await session.execute(select(Person).where(Person.telegram_id == telegram_id))).scalar_one_or_none()
    if person is not None and (at is None or person.blocked_at is None):
        person.blocked_at = at
    return person


async def set_blocked_person(session: AsyncSession, person_id: int, at: datetime) -> None:
    """Record that this person blocked the bot (Telegram refused a message to them), unless already known."""
    person = await session.get(Person, person_id)
    if person is not None and person.blocked_at is None:
        person.blocked_at = at
