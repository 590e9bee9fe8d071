"""Reports a staff member asked for in the bot, read once the update's unit of work has committed.

An update is handled in one unit of work that, on SQLite, holds the write lock from its first statement to
its commit. A report read inside it would make everyone else's update wait for the report. So a screen that
shows a report hands over its read (`after_commit`); `handled` runs it once the update is committed, with
the `Database`: the figures come from `Database.read_only`, the audit row from a unit of work of its own.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.reply import Reply
from storage.db import Database, Syncs

LATER = "faire_lien.later"
"""Key of `session.info` holding the reads asked for during this unit of work."""

Later = Callable[[Database], Awaitable[list[Reply]]]
"""A report's read and audit, giving what the staff member sees."""

Preparing = Callable[[], Awaitable[None]]
"""Shows the staff member that a report is on its way (in Telegram: "sending a file…" at the top of the chat)."""


def after_commit(session: AsyncSession, read: Later) -> None:
    """Show `read`'s replies after this update's own, once its unit of work has committed."""
    session.info.setdefault(LATER, []).append(read)


async def handled(
    db: Database,
    handle: Callable[[AsyncSession], Awaitable[list[Reply]]],
    preparing: Preparing | None = None,
    syncs: Syncs | None = None,
) -> list[Reply]:
    """Everything shown in answer to one event: `handle` in one unit of work, then the reports it asked for.

    Before a report is read, `preparing` tells the staff member it is coming. With `syncs`, the unit of
    work's sync to disk is left to the caller (`Database.unit_of_work`).
    """
    asked: list[Later] = []

    async def work(session: AsyncSession) -> list[Reply]:
        asked.clear()  # a unit of work run again (lost connection) asks again
        replies = await handle(session)
        asked.extend(session.info.pop(LATER, []))
        return replies

    replies = await db.retried(work, syncs)
    if asked and preparing is not None:
        await preparing()
    for read in asked:
        replies = [*replies, *await read(db)]
    return replies
