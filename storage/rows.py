"""Rows read or written with Core on the hot path, kept in step with the session's ORM objects.

The ORM costs about a millisecond per update in loading and flushing machinery for two small rows. The
update's own reads and writes go through Core statements instead; these helpers make the objects the
rest of the application works with look exactly as if the ORM had loaded and flushed them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar, cast

from sqlalchemy import Executable, Row, Table, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, configure_mappers, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from storage.models import Base

T = TypeVar("T", bound=Base)


def table_of(model: type[Base]) -> Table:
    """The table a model is mapped to, for Core statements."""
    return cast(Table, model.__table__)


async def first_row(session: AsyncSession, statement: Executable, params: Mapping[str, Any]) -> Row[Any] | None:
    """The first row a Core statement returns, sent on the session's connection and transaction.

    The same statement `session.execute` would send (the ORM neither flushes nor rewrites a Core
    statement), without the ORM's per-statement machinery around it: options, events, result wrapping.
    """
    return cast(Row[Any] | None, await session.run_sync(_first_row, statement, params))


async def run_core(session: AsyncSession, statement: Executable, params: Mapping[str, Any]) -> None:
    """Send a Core statement that returns no rows (an UPDATE) on the session's connection, as `first_row`."""
    await session.run_sync(_run_core, statement, params)


def _first_row(session: Session, statement: Executable, params: Mapping[str, Any]) -> Row[Any] | None:
    return session.connection().execute(statement, params).first()


def _run_core(session: Session, statement: Executable, params: Mapping[str, Any]) -> None:
    session.connection().execute(statement, params)


def as_loaded(session: AsyncSession, model: type[T], values: Mapping[str, Any]) -> T:
    """The session's object for this row: the one it already holds, else one made from the row, persistent, clean.

    Made as the ORM's own loading makes it: a new instance whose attributes are set without history.
    """
    mapper = inspect(model)
    if not mapper.configured:  # the ORM configures its mappers at first use; making instances here is a use
        configure_mappers()
    key = mapper.identity_key_from_primary_key(tuple(values[name] for name in _primary_key(model)))
    known = cast(T | None, session.sync_session.identity_map.get(key))
    if known is not None:  # as the ORM does: the session's own values are kept, expired ones are read again
        expired = inspect(known).expired_attributes
        written(known, {k: values[k] for k in expired if k in values})
        return known
    made = cast(T, mapper.class_manager.new_instance())
    made.__dict__.update(values)
    make_transient_to_detached(made)  # as if loaded: every value is the committed one, nothing to flush
    session.sync_session.add(made)
    return made


@cache
def _primary_key(model: type[Base]) -> tuple[str, ...]:
    """The attribute names of the model's primary key."""
    mapper = inspect(model)
    return tuple(mapper.get_property_by_column(column).key for column in mapper.primary_key)


def written(instance: Base, values: Mapping[str, Any]) -> None:
    """Record values a Core statement just wrote as the object's committed ones: the ORM will not write them again."""
    for key, value in values.items():
        set_committed_value(instance, key, value)


def is_current(instance: Base) -> bool:
    """Whether the session's object still describes its row: persistent, and nothing expired."""
    state = inspect(instance)
    return bool(state.persistent) and not state.expired_attributes


def is_stored(instance: Base) -> bool:
    """Whether the object's row is in the database already (not pending insertion)."""
    return bool(inspect(instance).persistent)
