"""Repository functions for the active conversation of a person and for finished flows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Answer, Conversation, Person, Response
from storage.rows import as_loaded, is_current, is_stored, run_core, table_of, written
from storage.year_totals import completed

CONVERSATIONS = table_of(Conversation)
READ = "faire_lien.conversations"
"""Key of `session.info`: each person's conversation as this session last read or wrote it (None: none)."""
ONE = select(CONVERSATIONS).where(CONVERSATIONS.c.person_id == bindparam("person"))
SET_STEP = update(CONVERSATIONS).where(CONVERSATIONS.c.person_id == bindparam("person"))


def remember_conversation(session: AsyncSession, person_id: int, values: Mapping[str, Any] | None) -> None:
    """Keep what the person's query read of their conversation (None: they have none) for `load_conversation`."""
    _read(session)[person_id] = None if values is None else as_loaded(session, Conversation, values)


def _read(session: AsyncSession) -> dict[int, Conversation | None]:
    read: dict[int, Conversation | None] = session.info.setdefault(READ, {})
    return read


async def load_conversation(session: AsyncSession, person_id: int) -> Conversation | None:
    """The person's unfinished flow, if any: as this session last read or wrote it, else from one query.

    What the session read is trusted while it still describes the row: an object deleted, rolled back
    with a savepoint or expired since is read again.
    """
    read = _read(session)
    if person_id in read:
        known = read[person_id]
        if known is None or is_current(known):
            return known
    row = (await session.execute(ONE, {"person": person_id})).first()
    read[person_id] = None if row is None else as_loaded(session, Conversation, dict(row._mapping))
    return read[person_id]


async def save_conversation(
    session: AsyncSession,
    person_id: int,
    current: Conversation | None,
    *,
    flow_id: str,
    flow_version: int,
    step_id: str,
    answers: dict[str, Any],
    history: list[str],
    draft: list[str],
    at: datetime,
    fingerprint: str | None = None,
    origin: int | None = None,
    on_behalf_of: int | None = None,
    invitation: int | None = None,
    mediated: str | None = None,
) -> Conversation:
    """Write the new position and answers of the person's one active flow (links to other rows are set at start).

    The next step of the same flow, the usual case, is one UPDATE of the columns that move. The step written is the
    question shown next: no other page is under it (`hidden_at` cleared).
    """
    another_invitation = current is not None and invitation is not None and invitation != current.invitation_id
    if current is not None and current.flow_id == flow_id and not another_invitation and is_stored(current):
        step = {
            "flow_version": flow_version,
            "flow_fingerprint": fingerprint,
            "step_id": step_id,
            "answers": dict(answers),
            "history": list(history),
            "draft": list(draft),
            "updated_at": at,
            "hidden_at": None,
        }
        await run_core(session, SET_STEP, {"person": current.person_id, **step})
        written(current, step)
        return current
    if current is None:
        current = Conversation(
            person_id=person_id,
            started_at=at,
            origin_response_id=origin,
            on_behalf_of=on_behalf_of,
            invitation_id=invitation,
            mediated_language=mediated,
        )
        session.add(current)
        _read(session)[person_id] = current
    elif current.flow_id != flow_id or another_invitation:  # a survey about another meeting starts afresh
        current.started_at = at
        current.origin_response_id = origin
        current.on_behalf_of = on_behalf_of
        current.invitation_id = invitation
        current.mediated_language = mediated
    current.flow_id = flow_id
    current.flow_version = flow_version
    current.flow_fingerprint = fingerprint
    current.step_id = step_id
    current.answers = dict(answers)
    current.history = list(history)
    current.draft = list(draft)
    current.updated_at = at
    current.hidden_at = None
    await session.flush()
    return current


async def speak_in(session: AsyncSession, conversation: Conversation, language: str) -> Person | None:
    """A mediated questionnaire goes on in another language, now the person's: answers and position stay as they are,
    the glossary's words are explained again (the notes were read in the other language); the person answered for."""
    conversation.mediated_language = language
    person = await session.get(Person, conversation.on_behalf_of) if conversation.on_behalf_of is not None else None
    if person is not None:
        person.language = language
        person.glossary_seen = []
    return person


async def hide_question(session: AsyncSession, person_id: int, at: datetime) -> None:
    """A message came under the person's question in progress (if any): text they type is no answer until it is
    shown again."""
    current = await load_conversation(session, person_id)
    if current is not None and current.hidden_at is None:
        current.hidden_at = at


async def finish_conversation(
    session: AsyncSession, conversation: Conversation, answers: dict[str, Any], at: datetime, *, helped: bool
) -> Response:
    """Store the finished flow's answers under their step ids and close the conversation.

    When a mediator answered for someone, the answers belong to that person and record who gave them.
    `helped`: the flow counts its person among the people helped individually in the yearly report.
    """
    owner = conversation.on_behalf_of or conversation.person_id
    given_by = conversation.person_id if conversation.on_behalf_of else None
    response = Response(
        person_id=owner,
        flow_id=conversation.flow_id,
        flow_version=conversation.flow_version,
        started_at=conversation.started_at,
        completed_at=at,
        mediated_language=conversation.mediated_language,
    )
    session.add(response)
    await session.flush()
    session.add_all(
        Answer(
            response_id=response.id,
            person_id=owner,
            given_by=given_by,
            flow_id=conversation.flow_id,
            flow_version=conversation.flow_version,
            step_id=step,
            value=value,
        )
        for step, value in answers.items()
    )
    await session.delete(conversation)
    await session.flush()
    if helped:
        await completed(session, response.flow_id, owner, at)
    return response


async def drop_conversation(session: AsyncSession, person_id: int) -> None:
    """Abandon the person's unfinished flow; a flow begun afterwards in the same session starts afresh."""
    known = _read(session).get(person_id)
    if known is not None and is_stored(known):
        await session.delete(known)
        await session.flush()
    else:
        await session.execute(delete(Conversation).where(Conversation.person_id == person_id))
    _read(session)[person_id] = None
