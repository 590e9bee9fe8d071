"""Console sign-in: single-use links and the sessions they open; only hashes of their tokens are stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ConsoleLink, ConsoleSession, Person, StaffMember


@dataclass(frozen=True)
class SignIn:
    """Who a used link or a live session belongs to."""

    staff_id: int | None
    """`StaffMember.id`; None for the server's operator."""
    actor: str


def digest(token: str) -> str:
    """The stored form of a token: a leaked database opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


async def new_link(session: AsyncSession, staff_id: int | None, actor: str, now: datetime, valid: timedelta) -> str:
    """A fresh single-use link token for this staff member (None: the operator)."""
    token = secrets.token_urlsafe(32)
    session.add(
        ConsoleLink(token_hash=digest(token), staff_id=staff_id, actor=actor, created_at=now, expires_at=now + valid)
    )
    return token


async def use_link(session: AsyncSession, token: str, now: datetime) -> SignIn | None:
    """Spend a link: one conditional UPDATE, so two tabs opening it at once cannot both get in."""
    query = (
        update(ConsoleLink)
        .where(ConsoleLink.token_hash == digest(token), ConsoleLink.used_at.is_(None), ConsoleLink.expires_at > now)
        .values(used_at=now)
        .returning(ConsoleLink.staff_id, ConsoleLink.actor)
    )
    row = (await session.execute(query)).first()
    return None if row is None else SignIn(row[0], row[1])


async def open_session(
    session: AsyncSession, sign_in: SignIn, language: str, now: datetime
) -> tuple[str, ConsoleSession]:
    """A new console session: the cookie's token and the row (with its CSRF token)."""
    token = secrets.token_urlsafe(32)
    row = ConsoleSession(
        token_hash=digest(token),
        staff_id=sign_in.staff_id,
        actor=sign_in.actor,
        csrf=secrets.token_urlsafe(32),
        language=language,
        created_at=now,
        last_seen=now,
    )
    session.add(row)
    await session.flush()
    return token, row


async def live_session(session: AsyncSession, token: str, now: datetime, idle: timedelta) -> ConsoleSession | None:
    """The session behind a cookie, unless it ended or stayed idle too long; its last use moves to now."""
    query = select(ConsoleSession).where(
        ConsoleSession.token_hash == digest(token),
        ConsoleSession.ended_at.is_(None),
        ConsoleSession.last_seen > now - idle,
    )
    row = (await session.execute(query)).scalar_one_or_none()
    if row is not None and now - row.last_seen > timedelta(seconds=30):
        row.last_seen = now
    return row


async def end_session(session: AsyncSession, token: str, now: datetime) -> None:
    """Sign out: the cookie's token opens nothing any more."""
    await session.execute(
        update(ConsoleSession)
        .where(ConsoleSession.token_hash == digest(token), ConsoleSession.ended_at.is_(None))
        .values(ended_at=now)
    )


async def end_sessions_of(session: AsyncSession, staff_id: int, now: datetime) -> None:
    """A revoked staff member is signed out everywhere at once."""
    await session.execute(
        update(ConsoleSession)
        .where(ConsoleSession.staff_id == staff_id, ConsoleSession.ended_at.is_(None))
        .values(ended_at=now)
    )


async def member(session: AsyncSession, staff_id: int) -> StaffMember | None:
    """The staff member by row number, unless their role was taken away."""
    query = select(StaffMember).where(StaffMember.id == staff_id, StaffMember.revoked_at.is_(None))
    return (await session.execute(query)).scalar_one_or_none()


async def language_of(session: AsyncSession, telegram_id: int) -> str | None:
    """The language a staff member chose in the bot."""
    query = select(Person.language).where(Person.telegram_id == telegram_id)
    return (await session.execute(query)).scalar_one_or_none()


async def link_is_live(session: AsyncSession, token: str, now: datetime) -> bool:
    """Whether a link would still open the console (not used, not expired), without spending it."""
    query = select(ConsoleLink.id).where(
        ConsoleLink.token_hash == digest(token), ConsoleLink.used_at.is_(None), ConsoleLink.expires_at > now
    )
    return (await session.execute(query)).first() is not None
