"""Scheduled messages: what to queue for a registration, and what each queued message says when sent."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.reply import Button, Reply
from dialogs.text import msg
from faire_lien.sessions import texts
from faire_lien.surveys.invitations import invitation_reply
from storage.models import Meeting, OutboxMessage, Registration
from storage.outbox import schedule
from storage.statuses import OutboxKind

COVER_NAMES = {"c2s": msg("la C2S", "rights"), "ame": msg("l'AME", "rights")}
RENEWAL_REMINDER = msg(
    "⏰ Rappel : vos droits à {cover} prennent fin le {end}. C'est le moment de demander leur renouvellement "
    "sur votre compte ameli ou à votre CPAM.",
    "reminder",
)
CONFIRM_BEFORE = timedelta(days=2)
DETAILS_BEFORE = timedelta(days=1)
REMINDERS: tuple[tuple[OutboxKind, timedelta], ...] = (
    ("meeting_confirm", CONFIRM_BEFORE),
    ("meeting_details", DETAILS_BEFORE),
)
Change = Literal["meeting_cancelled", "meeting_confirmed", "meeting_moved"]
CONFIRM = msg("⏰ Rappel : « {title} », {when}, {place}. Viendrez-vous ?", "reminder")
DETAILS = msg("📍 C'est demain : « {title} », {when}.\n{place}, {address}\n🗺 {link}", "reminder")
OFFER = msg(
    "🎉 Une place s'est libérée pour « {title} », {when}. Elle vous est réservée jusqu'au {deadline} : "
    "la prenez-vous ?",
    "reminder",
)


async def schedule_reminders(
    session: AsyncSession, registration: Registration, meeting: Meeting, now: datetime
) -> None:
    """Two days before: "will you come?"; the day before: practical details. Only reminders still ahead."""
    start = meeting.starts_at.isoformat()
    for kind, before in REMINDERS:
        due = meeting.starts_at - before
        if due > now:
            await schedule(
                session,
                registration.person_id,
                kind=kind,
                due_at=due,
                payload={"registration": registration.id},
                key=f"reg:{registration.id}:{kind}:{start}",
                now=now,
            )


async def announce_offer(session: AsyncSession, offered: Registration, meeting: Meeting, now: datetime) -> None:
    """Tell the first person waiting that a seat is theirs if they take it in time (sent by the outbox)."""
    await schedule(
        session,
        offered.person_id,
        kind="seat_offered",
        due_at=now,
        payload={"registration": offered.id},
        key=f"reg:{offered.id}:seat_offered:{now.isoformat()}",
        now=now,
    )


CHANGED = {
    "meeting_cancelled": msg(
        "❌ « {title} », prévue {when}, est annulée. Votre travailleur social vous proposera une autre date.",
        "reminder",
    ),
    "meeting_confirmed": msg("✅ C'est confirmé : « {title} » aura lieu {when}, {place}.", "reminder"),
    "meeting_moved": msg("🔁 « {title} » change de date : {when}, {place}. Votre inscription est gardée.", "reminder"),
}


async def announce_change(
    session: AsyncSession, registration: Registration, kind: Change, now: datetime, when: datetime
) -> None:
    """Tell a registered or waiting person that staff cancelled or moved the meeting (sent by the outbox)."""
    await schedule(
        session,
        registration.person_id,
        kind=kind,
        due_at=now,
        payload={"registration": registration.id, "when": when.isoformat()},
        key=f"change:{registration.id}:{kind}:{now.isoformat()}",
        now=now,
    )


async def render(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """The text and buttons of a queued message in the person's language; None when it no longer applies."""
    if message.kind == "renewal_reminder":
        cover = COVER_NAMES.get(str(message.payload.get("cover")))
        end = message.payload.get("end")
        if cover is None or not isinstance(end, str):
            return None
        return Reply(t(msg(RENEWAL_REMINDER.msgid, "reminder", cover=cover, end=date.fromisoformat(end))))
    if message.kind == "survey_invite":
        return await invitation_reply(session, message.payload, t)
    registration = await session.get(Registration, int(message.payload.get("registration", 0)))
    if registration is not None and message.kind in CHANGED:
        return await _changed(session, message, registration, t)
    if registration is None or registration.status == "cancelled":
        return None
    meeting = await session.get(Meeting, registration.meeting_id)
    if meeting is None or meeting.status != "scheduled" or meeting.starts_at <= now:
        return None
    fields = {"title": texts.title(meeting, t), "when": texts.when(meeting, t), "place": meeting.place}
    if message.kind == "meeting_confirm" and registration.status == "registered":
        rows = (
            (Button(t(msg("✅ Je viendrai", "reminder")), f"come:{registration.id}"),),
            (Button(t(msg("✖ Je ne peux pas venir", "reminder")), f"cancel:{registration.id}:ask"),),
        )
        return Reply(t(msg(CONFIRM.msgid, "reminder", **fields)), rows)
    if message.kind == "meeting_details" and registration.status == "registered":
        text = t(msg(DETAILS.msgid, "reminder", address=meeting.address, link=texts.map_link(meeting), **fields))
        if meeting.kind == "checkup":
            text += "\n\nℹ️ " + t(texts.CHECKUP_PREPARATION)
        return Reply(text)
    if message.kind == "seat_offered" and registration.status == "offered" and registration.offered_until:
        deadline = texts.local_time(registration.offered_until)
        rows = (
            (Button(t(msg("✅ Je prends la place", "reminder")), f"take:{registration.id}"),),
            (Button(t(msg("✖ Je ne peux pas", "reminder")), f"cancel:{registration.id}:yes"),),
        )
        when_deadline = f"{t.format(deadline.date())} {deadline:%H:%M}"
        return Reply(t(msg(OFFER.msgid, "reminder", deadline=when_deadline, **fields)), rows)
    return None


async def _changed(
    session: AsyncSession, message: OutboxMessage, registration: Registration, t: Translator
) -> Reply | None:
    meeting = await session.get(Meeting, registration.meeting_id)
    if meeting is None:
        return None
    if message.kind != "meeting_cancelled" and (registration.status == "cancelled" or meeting.status == "cancelled"):
        return None
    fields = {"title": texts.title(meeting, t), "when": texts.when(meeting, t), "place": meeting.place}
    return Reply(t(msg(CHANGED[message.kind].msgid, "reminder", **fields)))
