"""Repository functions for scheduled messages (the outbox)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage, Person
from storage.statuses import OutboxKind, OutboxStatus


async def get_message(session: AsyncSession, message_id: int) -> OutboxMessage | None:
    """One queued message by number."""
    return await session.get(OutboxMessage, message_id)


async def schedule(
    session: AsyncSession,
    person_id: int,
    *,
    kind: OutboxKind,
    due_at: datetime,
    payload: dict[str, Any],
    key: str,
    now: datetime,
) -> tuple[OutboxMessage, bool]:
    """Queue a message once per idempotency key; a cancelled one is queued again. True when newly queued.

    It goes out at `due_at`, or when quiet hours end if that falls within them (`faire_lien/core/quiet.py`),
    unless the payload says `"urgent": true` (a reply to a person who wrote less than an hour ago).

    Someone with no chat (a person a mediator answers for, who has no Telegram account) gets nothing: the
    message is kept as cancelled (`NO_CHAT`), so no sender picks it up and nobody else's chat receives it.
    """
    if not isinstance(payload.get(URGENT, False), bool):
        raise ValueError(f"the outbox payload's {URGENT!r} flag must be true or false")
    query = select(OutboxMessage).where(OutboxMessage.idempotency_key == key)
    found = (await session.execute(query)).scalar_one_or_none()
    reachable = await has_chat(session, person_id)
    if found is not None:
        if found.status != "cancelled" or not reachable:
            return found, False
        found.status, found.due_at, found.payload = "pending", due_at, payload
        return found, True
    message = OutboxMessage(
        person_id=person_id, kind=kind, due_at=due_at, payload=payload, idempotency_key=key, created_at=now
    )
    if not reachable:
        message.status, message.last_error = "cancelled", NO_CHAT
    session.add(message)
    await session.flush()
    return message, reachable


URGENT = "urgent"
"""Payload flag (true or false) of a message the sender may send during quiet hours."""

NO_CHAT = "no chat: a mediator answers for this person"
"""Why a message to someone without a Telegram account or a terminal session was never queued."""


async def has_chat(session: AsyncSession, person_id: int) -> bool:
    """Whether messages can reach this person: a Telegram chat, or the terminal chat they use."""
    person = await session.get(Person, person_id)
    return person is not None and (person.telegram_id is not None or person.terminal_user is not None)


async def cancel(session: AsyncSession, person_id: int, key: str) -> bool:
    """Cancel the person's pending message with this key; False when there is none."""
    found = (
        await session.execute(
            select(OutboxMessage).where(
                OutboxMessage.idempotency_key == key,
                OutboxMessage.person_id == person_id,
                OutboxMessage.status == "pending",
            )
        )
    ).scalar_one_or_none()
    if found is None:
        return False
    found.status = "cancelled"
    return True


async def pending(session: AsyncSession, person_id: int) -> list[OutboxMessage]:
    """The person's messages still to send, soonest first."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.person_id == person_id, OutboxMessage.status == "pending")
        .order_by(OutboxMessage.due_at)
    )
    return list((await session.execute(query)).scalars())


async def messages_of(session: AsyncSession, person_id: int) -> list[OutboxMessage]:
    """Every message queued for the person, in the order queued."""
    query = select(OutboxMessage).where(OutboxMessage.person_id == person_id).order_by(OutboxMessage.id)
    return list((await session.execute(query)).scalars())


async def claim_due(
    session: AsyncSession,
    now: datetime,
    limit: int = 30,
    *,
    person_id: int | None = None,
    urgent_only: bool = False,
) -> list[OutboxMessage]:
    """Mark due messages as being sent (committed by the caller before sending, so none goes out twice).

    Without `person_id`: the messages of people on Telegram (the bot's sender); with it: that person's
    (the terminal chat shows a terminal user's own). `urgent_only` (the sender during quiet hours): only
    messages whose payload says `"urgent": true`; the others stay pending, due in the same order. On
    PostgreSQL, `FOR UPDATE SKIP LOCKED` lets several bot processes drain the outbox together.
    """
    whose = (
        OutboxMessage.person_id == person_id
        if person_id is not None
        else OutboxMessage.person_id.in_(select(Person.id).where(Person.telegram_id.is_not(None)))
    )
    query = select(OutboxMessage).where(OutboxMessage.status == "pending", OutboxMessage.due_at <= now, whose)
    if urgent_only:
        query = query.where(OutboxMessage.payload[URGENT].as_boolean().is_(True))
    query = query.order_by(OutboxMessage.due_at, OutboxMessage.id).limit(limit).with_for_update(skip_locked=True)
    claimed = list((await session.execute(query)).scalars())
    for message in claimed:
        message.status = "sending"
        message.attempts += 1
    return claimed


async def send_held_now(session: AsyncSession, person_id: int, key_prefix: str) -> int:
    """Mark the person's pending messages whose key starts with `key_prefix` urgent, so that quiet hours hold them no
    longer: they go at the sender's next pass, in the order they fell due, before anything queued later; how many.

    Rows are locked as `claim_due` locks them: on PostgreSQL a row a sender is claiming is waited for, then left
    out once it is no longer pending, so a message being sent is never touched and none goes out twice.
    """
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.person_id == person_id,
            OutboxMessage.status == "pending",
            OutboxMessage.idempotency_key.like(f"{key_prefix}%"),
        )
        .order_by(OutboxMessage.due_at, OutboxMessage.id)
        .with_for_update()
    )
    held = [m for m in (await session.execute(query)).scalars() if m.payload.get(URGENT) is not True]
    for message in held:
        message.payload = {**message.payload, URGENT: True}
    return len(held)


async def reached(session: AsyncSession, person_id: int, key_prefix: str) -> bool:
    """Whether one of the person's messages whose key starts with `key_prefix` went out (sent, or maybe: uncertain)."""
    query = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.person_id == person_id,
            OutboxMessage.status.in_(("sent", "uncertain")),
            OutboxMessage.idempotency_key.like(f"{key_prefix}%"),
        )
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none() is not None


INTERRUPTED = "interrupted while sending; not resent to avoid a duplicate"
"""Why a message left "sending" by a crash is uncertain."""

FOLLOW_UP: tuple[OutboxStatus, ...] = ("failed", "uncertain")
"""Statuses staff follow up: given up, or perhaps delivered."""


async def give_up_interrupted(session: AsyncSession) -> int:
    """Messages left "sending" by a crash may have gone out: mark them uncertain rather than risk a duplicate."""
    stuck = list((await session.execute(select(OutboxMessage).where(OutboxMessage.status == "sending"))).scalars())
    for message in stuck:
        message.status, message.last_error = "uncertain", INTERRUPTED
    return len(stuck)


async def undelivered(session: AsyncSession) -> list[OutboxMessage]:
    """Messages given up (blocked bot, refused, too many tries) or uncertain (outcome unknown), latest due first."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status.in_(FOLLOW_UP))
        .order_by(OutboxMessage.due_at.desc(), OutboxMessage.id.desc())
    )
    return list((await session.execute(query)).scalars())


async def send_again(session: AsyncSession, message_id: int, now: datetime) -> OutboxMessage | None:
    """Queue a failed or uncertain message again, due now; None when there is no such message with that number."""
    message = await session.get(OutboxMessage, message_id)
    if message is None or message.status not in FOLLOW_UP:
        return None
    message.status, message.due_at, message.attempts, message.last_error = "pending", now, 0, None
    return message


async def offer_never_went_out(session: AsyncSession, registration_id: int) -> bool:
    """Whether the latest seat offer queued for this registration was given up or withdrawn before going out (blocked
    bot, chat not found, no chat): the person never saw it."""
    query = (
        select(OutboxMessage.status)
        .where(
            OutboxMessage.kind == "seat_offered",
            OutboxMessage.idempotency_key.like(f"reg:{registration_id}:seat_offered:%"),
        )
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none() in ("failed", "cancelled")


async def note_on_sent(session: AsyncSession, person_id: int, key: str, note: dict[str, Any]) -> None:
    """Add `note` to the payload of the person's message with this key when it may have reached them (sent or
    uncertain): what its buttons say if pressed after what it offered was taken back."""
    query = select(OutboxMessage).where(
        OutboxMessage.idempotency_key == key,
        OutboxMessage.person_id == person_id,
        OutboxMessage.status.in_(("sent", "uncertain")),
    )
    found = (await session.execute(query)).scalar_one_or_none()
    if found is not None:
        found.payload = {**found.payload, **note}


async def payload_of(session: AsyncSession, person_id: int, key: str) -> dict[str, Any] | None:
    """The payload of the person's message with this key, None when there is none."""
    query = select(OutboxMessage.payload).where(
        OutboxMessage.idempotency_key == key, OutboxMessage.person_id == person_id
    )
    found: dict[str, Any] | None = (await session.execute(query)).scalar_one_or_none()
    return found
