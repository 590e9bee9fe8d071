"""Repository functions for staff roles and invite codes; every change leaves an audit row."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.audit import record
from storage.models import Person, StaffInvite, StaffMember
from storage.statuses import ROLES, StaffRole

INVITE_TTL = timedelta(days=7)


async def role_of(session: AsyncSession, telegram_id: int | None) -> StaffRole | None:
    """The active role of a Telegram user, or None for a beneficiary."""
    if telegram_id is None:
        return None
    query = select(StaffMember.role).where(StaffMember.telegram_id == telegram_id, StaffMember.revoked_at.is_(None))
    return (await session.execute(query)).scalar_one_or_none()


async def active_member(session: AsyncSession, telegram_id: int | None) -> StaffMember | None:
    """The staff member with this Telegram id, unless their role was taken away."""
    if telegram_id is None:
        return None
    query = select(StaffMember).where(StaffMember.telegram_id == telegram_id, StaffMember.revoked_at.is_(None))
    return (await session.execute(query)).scalar_one_or_none()


async def grant(session: AsyncSession, telegram_id: int, role: StaffRole, by: str, now: datetime) -> StaffMember:
    """Give (or give back, or change) a role."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    member = (await session.execute(select(StaffMember).where(StaffMember.telegram_id == telegram_id))).scalar()
    if member is None:
        member = StaffMember(telegram_id=telegram_id, role=role, added_by=by, added_at=now)
        session.add(member)
    else:
        member.role, member.added_by, member.added_at, member.revoked_at, member.revoked_by = role, by, now, None, None
    record(session, actor=by, action="grant_role", at=now, detail={"telegram_id": telegram_id, "role": role})
    return member


async def revoke(session: AsyncSession, telegram_id: int, by: str, now: datetime) -> bool:
    """Take a role away; False when the person had none."""
    member = (await session.execute(select(StaffMember).where(StaffMember.telegram_id == telegram_id))).scalar()
    if member is None or member.revoked_at is not None:
        return False
    member.revoked_at, member.revoked_by = now, by
    record(session, actor=by, action="revoke_role", at=now, detail={"telegram_id": telegram_id, "role": member.role})
    return True


async def members(session: AsyncSession) -> list[StaffMember]:
    """Active staff, by role then date."""
    query = select(StaffMember).where(StaffMember.revoked_at.is_(None)).order_by(StaffMember.role, StaffMember.added_at)
    return list((await session.execute(query)).scalars())


async def everyone(session: AsyncSession) -> list[StaffMember]:
    """Every staff member ever listed, revoked ones included (the audit journal names them)."""
    return list((await session.execute(select(StaffMember).order_by(StaffMember.id))).scalars())


async def coordinators(session: AsyncSession) -> int:
    """How many staff members are coordinators now."""
    query = select(func.count()).where(StaffMember.role == "coordinator", StaffMember.revoked_at.is_(None))
    return int((await session.execute(query)).scalar_one())


MAX_DISPLAY_NAME = 80
"""A display name longer than this is refused (the column's size)."""


def rename(session: AsyncSession, member: StaffMember, name: str | None, by: str, now: datetime) -> None:
    """Set (or clear, with None) how the console shows a staff member; audited without the name itself."""
    if name is not None and len(name) > MAX_DISPLAY_NAME:
        raise ValueError(f"a display name has at most {MAX_DISPLAY_NAME} characters")
    member.display_name = name
    record(
        session,
        actor=by,
        action="rename_staff",
        at=now,
        detail={"telegram_id": member.telegram_id, "cleared": name is None},
    )


async def invite(session: AsyncSession, role: StaffRole, by: str, now: datetime) -> StaffInvite:
    """A new single-use code for `role`, valid for 7 days."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    code = StaffInvite(
        code=secrets.token_urlsafe(12), role=role, created_by=by, created_at=now, expires_at=now + INVITE_TTL
    )
    session.add(code)
    record(session, actor=by, action="create_invite", at=now, detail={"role": role})
    return code


async def invite_by_id(session: AsyncSession, invite_id: int) -> StaffInvite | None:
    """One invite code by its row number."""
    return await session.get(StaffInvite, invite_id)


async def redeem(session: AsyncSession, code: str, telegram_id: int, now: datetime) -> StaffRole | None:
    """Use a code once, before it expires; the role granted, or None (unknown, expired or already used).

    One conditional UPDATE marks the code used only while it is still unused: the database applies it
    atomically (SQLite: one writer at a time; PostgreSQL: the row lock, then the condition checked
    again), so of several people using the same code at the same instant exactly one gets a row back
    and becomes staff, whatever the number of workers.
    """
    claimed = await session.execute(
        update(StaffInvite)
        .where(StaffInvite.code == code, StaffInvite.used_at.is_(None), StaffInvite.expires_at >= now)
        .values(used_by=telegram_id, used_at=now)
        .returning(StaffInvite.role, StaffInvite.created_by)
        .execution_options(synchronize_session=False)
    )
    row = claimed.first()
    if row is None:
        return None
    role: StaffRole = row.role
    await grant(session, telegram_id, role, f"invite:{row.created_by}", now)
    return role


async def menus(session: AsyncSession) -> list[tuple[int, StaffRole, str | None]]:
    """Each active staff member's Telegram id, role and chosen language (None before they talked to the bot)."""
    query = (
        select(StaffMember.telegram_id, StaffMember.role, Person.language)
        .outerjoin(Person, Person.telegram_id == StaffMember.telegram_id)
        .where(StaffMember.revoked_at.is_(None))
        .order_by(StaffMember.telegram_id)
    )
    return [(int(tid), role, language) for tid, role, language in (await session.execute(query)).all()]
