"""Issue 20: what one in-flow update costs SQLite, counted in statements (not timed) and in thread hops."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.dialogs.golden_driver import Person

TO_THE_QUESTIONS = ["/start", "press:Français", "press:J'accepte", "press:Bilan"]
PRESSES = ["press:Nationalité", "press:Plus de 3 mois", "press:Retour", "press:Retour"]
"""Answer, answer, back, back: the person is where they started, every word of the glossary already explained."""
MAX_STATEMENTS = 4
"""Record the update id, read the person with their conversation, write the turn, write the conversation."""


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """Every SQL statement sent while the block runs (BEGIN and COMMIT listed apart, as "BEGIN" and "COMMIT")."""
    sent: list[str] = []
    engine = db.engine.sync_engine

    def statement(_conn: Any, _cursor: Any, sql: str, *_rest: Any) -> None:
        sent.append(sql)

    def begin(_conn: Any) -> None:
        sent.append("BEGIN")

    def commit(_conn: Any) -> None:
        sent.append("COMMIT")

    listeners = [("before_cursor_execute", statement), ("begin", begin), ("commit", commit)]
    for name, listener in listeners:
        event.listen(engine, name, listener)
    try:
        yield sent
    finally:
        for name, listener in listeners:
            event.remove(engine, name, listener)


async def in_the_questions(assistant: Assistant, db: Database) -> Person:
    person = Person(assistant, db)
    for step in [*TO_THE_QUESTIONS, *PRESSES]:
        await person.do(step)
    return person


async def test_an_answer_mid_questionnaire_takes_four_statements_between_begin_and_commit(
    assistant: Assistant, db: Database
) -> None:
    person = await in_the_questions(assistant, db)
    for press in PRESSES:
        with statements(db) as sent:
            await person.do(press)
        assert sent[0] == "BEGIN" and sent[-1] == "COMMIT", sent
        between = sent[1:-1]
        assert len(between) <= MAX_STATEMENTS, between
        assert [s.split()[0] for s in between] == ["INSERT", "SELECT", "UPDATE", "UPDATE"]


async def test_an_answer_that_changes_nothing_writes_neither_turn_nor_conversation(
    assistant: Assistant, db: Database
) -> None:
    person = await in_the_questions(assistant, db)
    for unchanged in ["type:bonjour", "raw:f:1:o0"]:  # text where a button is expected; a button of an old turn
        with statements(db) as sent:
            await person.do(unchanged)
        writes = [s for s in sent if s.startswith(("UPDATE", "DELETE"))]
        assert writes == [], writes
        assert [s.split()[0] for s in sent[1:-1]] == ["INSERT", "SELECT"]


async def test_a_unit_of_work_on_sqlite_leaves_the_event_loops_thread_once_to_sync_the_log(
    assistant: Assistant, db: Database
) -> None:
    """Its statements run on the loop's thread; the one hop is the sync of the log to disk (storage/db.py)."""
    person = await in_the_questions(assistant, db)
    loop = asyncio.get_running_loop()
    hops: list[int] = []
    original = loop.call_soon_threadsafe

    def counted(*args: Any, **kwargs: Any) -> Any:
        hops[-1] += 1
        return original(*args, **kwargs)

    loop.call_soon_threadsafe = counted  # type: ignore[method-assign]
    try:
        for press in PRESSES:
            hops.append(0)
            await person.do(press)
    finally:
        del loop.call_soon_threadsafe
    assert hops == [1] * len(PRESSES)
