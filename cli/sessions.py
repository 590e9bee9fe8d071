"""`faire-lien sessions add | import | list | roster | attend | qr`: facilitators publish and follow sessions."""

from __future__ import annotations

import argparse
import getpass
from datetime import datetime
from pathlib import Path
from typing import get_args

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cli.db import in_unit_of_work
from dialogs.loader import load_flows
from dialogs.results import BUILDERS
from faire_lien.config import Settings
from faire_lien.sessions.reminders import announce_change, schedule_reminders
from faire_lien.sessions.spec import PARIS, Kind, MeetingSpec, SpecError, parse_csv, parse_yaml
from faire_lien.surveys.invitations import HOT, schedule_impact
from storage.audit import record
from storage.meetings import attendance_counts, cancel_meeting, move_meeting, roster
from storage.models import Meeting, Person, Registration
from storage.surveys import invite_present
from storage.types import utcnow

ATTENDANCE = ("present", "absent", "excused")


def _actor(args: argparse.Namespace) -> str:
    return str(args.staff or getpass.getuser())


def cmd_add(settings: Settings, args: argparse.Namespace) -> int:
    """Publish one meeting from options."""
    raw = {
        "kind": args.kind,
        "title": {"fr": args.title, **dict(t.split("=", 1) for t in args.title_in or [])},
        "start": args.start,
        "end": args.end,
        "place": args.place,
        "address": args.address,
        "access_notes": args.access or "",
        "capacity": args.capacity,
        "min_size": args.min_size,
        "languages": args.languages or [],
        "series": args.series,
    }
    try:
        spec = MeetingSpec.model_validate(raw)
    except ValidationError as error:
        for problem in error.errors():
            print(f"{'.'.join(str(p) for p in problem['loc']) or 'meeting'}: {problem['msg']}")
        return 1
    ids = in_unit_of_work(settings.database_url, lambda s: _insert(s, [spec], _actor(args)))
    print(f"session {ids[0]} published")
    return 0


def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    """Publish every meeting of a CSV or YAML file, or none when any line is wrong."""
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
        specs = parse_yaml(text, path.name) if path.suffix in (".yaml", ".yml") else parse_csv(text, path.name)
    except OSError as error:
        print(f"{path}: {error.strerror}")
        return 1
    except SpecError as error:
        print("\n".join(error.problems))
        print("nothing imported")
        return 1
    ids = in_unit_of_work(settings.database_url, lambda s: _insert(s, specs, _actor(args)))
    print(f"{len(ids)} session(s) imported: {', '.join(map(str, ids))}")
    return 0


async def _insert(session: AsyncSession, specs: list[MeetingSpec], actor: str) -> list[int]:
    now = utcnow()
    rows = [spec.to_meeting(actor, now) for spec in specs]
    session.add_all(rows)
    await session.flush()
    return [row.id for row in rows]


def cmd_list(settings: Settings, _args: argparse.Namespace) -> int:
    """Every meeting to come: id, kind, time, place, seats, waiting list."""

    async def work(session: AsyncSession) -> list[str]:
        waiting = (
            select(Registration.meeting_id, func.count().label("n"))
            .where(Registration.status == "waiting")
            .group_by(Registration.meeting_id)
            .subquery()
        )
        query = (
            select(Meeting, waiting.c.n)
            .outerjoin(waiting, waiting.c.meeting_id == Meeting.id)
            .where(Meeting.ends_at > utcnow())
            .order_by(Meeting.starts_at)
        )
        lines = []
        for meeting, n in (await session.execute(query)).all():
            start = meeting.starts_at.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")
            lines.append(
                f"#{meeting.id} {meeting.kind} {start} {meeting.place}: {meeting.taken}/{meeting.capacity} seats, "
                f"{n or 0} waiting{' (cancelled)' if meeting.status == 'cancelled' else ''} — {meeting.title['fr']}"
            )
        return lines

    lines = in_unit_of_work(settings.database_url, work)
    print("\n".join(lines) if lines else "no session to come")
    return 0


def cmd_roster(settings: Settings, args: argparse.Namespace) -> int:
    """Registered people then the waiting list (an audited read of personal data)."""

    async def work(session: AsyncSession) -> list[str]:
        meeting = await session.get(Meeting, args.session)
        if meeting is None:
            return []
        rows = await roster(session, meeting.id)
        now = utcnow()
        record(session, actor=_actor(args), action="read_roster", at=now, detail={"meeting": meeting.id})
        counts = await attendance_counts(session, meeting.id)
        marked = counts["present"] + counts["absent"] + counts["excused"]
        rate = f", attendance {counts['present']}/{marked} present" if marked else ""
        lines = [f"#{meeting.id} {meeting.title['fr']}: {meeting.taken}/{meeting.capacity}{rate}"]
        for r in rows:
            person = await session.get(Person, r.person_id)
            who = f"telegram {person.telegram_id}" if person and person.telegram_id else f"person {r.person_id}"
            rank = f" n°{r.rank}" if r.status == "waiting" else ""
            lines.append(f"  registration {r.id}: {who} — {r.status}{rank}, attendance {r.attendance or '-'}")
        return lines

    lines = in_unit_of_work(settings.database_url, work)
    print("\n".join(lines) if lines else f"no session {args.session}")
    return 0 if lines else 1


def cmd_attend(settings: Settings, args: argparse.Namespace) -> int:
    """Mark attendance of one registration: present, absent or excused."""

    async def work(session: AsyncSession) -> bool:
        registration = await session.get(Registration, args.registration)
        if registration is None or registration.status != "registered":
            return False
        registration.attendance = args.status
        meeting = await session.get(Meeting, registration.meeting_id)
        if args.status == "present" and meeting is not None:
            await schedule_impact(session, registration, meeting, utcnow())
        record(
            session,
            actor=_actor(args),
            action="mark_attendance",
            at=utcnow(),
            person_id=registration.person_id,
            detail={"registration": registration.id, "attendance": args.status},
        )
        return True

    done = in_unit_of_work(settings.database_url, work)
    print("attendance saved" if done else f"no registered person with registration {args.registration}")
    return 0 if done else 1


def cmd_cancel(settings: Settings, args: argparse.Namespace) -> int:
    """Cancel a session: everyone registered or waiting is told in their language; reminders are dropped."""

    async def work(session: AsyncSession) -> int | None:
        meeting = await session.get(Meeting, args.session)
        if meeting is None or meeting.status == "cancelled":
            return None
        now = utcnow()
        affected = await cancel_meeting(session, meeting, now)
        for registration in affected:
            await announce_change(session, registration, "meeting_cancelled", now, meeting.starts_at)
        return len(affected)

    informed = in_unit_of_work(settings.database_url, work)
    if informed is None:
        print(f"no session {args.session} to cancel")
        return 1
    print(f"session {args.session} cancelled; {informed} person(s) will be told")
    return 0


def cmd_move(settings: Settings, args: argparse.Namespace) -> int:
    """Move a session: reminders follow the new date and everyone is told."""

    async def work(session: AsyncSession) -> int | str:
        meeting = await session.get(Meeting, args.session)
        if meeting is None or meeting.status == "cancelled":
            return f"no session {args.session} to move"
        raw = {**_spec_fields(meeting), "start": args.start, "end": args.end}
        try:
            spec = MeetingSpec.model_validate(raw)
        except ValidationError as error:
            return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'dates'}: {e['msg']}" for e in error.errors())
        assert isinstance(spec.end, datetime)
        now = utcnow()
        affected = await move_meeting(session, meeting, spec.start, spec.end)
        for registration in affected:
            if registration.status == "registered":
                await schedule_reminders(session, registration, meeting, now)
            await announce_change(session, registration, "meeting_moved", now, meeting.starts_at)
        return len(affected)

    result = in_unit_of_work(settings.database_url, work)
    if isinstance(result, str):
        print(result)
        return 1
    print(f"session {args.session} moved; {result} person(s) will be told")
    return 0


def _spec_fields(meeting: Meeting) -> dict[str, object]:
    return {
        "kind": meeting.kind,
        "title": meeting.title,
        "place": meeting.place,
        "address": meeting.address,
        "capacity": meeting.capacity,
    }


def cmd_poll(settings: Settings, args: argparse.Namespace) -> int:
    """Send a survey (the hot evaluation by default) to everyone marked present at a session (once each)."""

    flows = load_flows(settings.flows_dirs, BUILDERS)
    if args.flow not in flows or flows[args.flow].category != "survey":
        known = ", ".join(f.id for f in flows.values() if f.category == "survey")
        print(f"unknown survey {args.flow!r}; surveys: {known}")
        return 1

    async def work(session: AsyncSession) -> int | None:
        meeting = await session.get(Meeting, args.session)
        if meeting is None:
            return None
        return await invite_present(session, meeting, args.flow, utcnow())

    queued = in_unit_of_work(settings.database_url, work)
    if queued is None:
        print(f"no session {args.session}")
        return 1
    print(f"poll queued for {queued} person(s) marked present; the bot sends it")
    return 0


def cmd_qr(settings: Settings, args: argparse.Namespace) -> int:
    """A PNG QR code of the session's deep link t.me/<bot>?start=s_<id>, for waiting-room posters."""
    import segno

    link = f"https://t.me/{args.bot.lstrip('@')}?start=s_{args.session}"
    segno.make(link, error="m").save(args.out, scale=args.scale, border=4)
    print(f"{args.out}: {link}")
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `sessions` commands."""
    sessions = sub.add_parser("sessions", help="collective sessions and check-up slots").add_subparsers(
        dest="sessions_command", required=True
    )
    add = sessions.add_parser("add", help="publish one session (Paris time)")
    add.add_argument("--kind", required=True, choices=get_args(Kind))
    add.add_argument("--title", required=True, help="French title")
    add.add_argument("--title-in", action="append", metavar="LANG=TITLE", help="title in another language")
    add.add_argument("--start", required=True, help='e.g. "2026-12-01 14:00"')
    add.add_argument("--end", required=True, help='e.g. "16:00" or "2026-12-01 16:00"')
    add.add_argument("--place", required=True)
    add.add_argument("--address", required=True)
    add.add_argument("--access", help="access notes (stairs, lift, transport)")
    add.add_argument("--capacity", required=True, type=int)
    add.add_argument("--min-size", type=int, help="gather interest until this many registered")
    add.add_argument("--languages", nargs="*", help="languages spoken or interpreted, e.g. fr ar tr")
    add.add_argument("--series", help="label shared by the meetings of one group")
    add.add_argument("--staff", help="who publishes (default: your login name)")
    add.set_defaults(func=cmd_add)
    importer = sessions.add_parser("import", help="publish sessions from a CSV or YAML file (all or nothing)")
    importer.add_argument("file")
    importer.add_argument("--staff")
    importer.set_defaults(func=cmd_import)
    sessions.add_parser("list", help="sessions to come with seats and waiting lists").set_defaults(func=cmd_list)
    roster_cmd = sessions.add_parser("roster", help="who registered and who waits (audited)")
    roster_cmd.add_argument("session", type=int)
    roster_cmd.add_argument("--staff")
    roster_cmd.set_defaults(func=cmd_roster)
    attend = sessions.add_parser("attend", help="mark attendance of a registration")
    attend.add_argument("registration", type=int)
    attend.add_argument("status", choices=ATTENDANCE)
    attend.add_argument("--staff")
    attend.set_defaults(func=cmd_attend)
    cancel = sessions.add_parser("cancel", help="cancel a session and tell everyone registered or waiting")
    cancel.add_argument("session", type=int)
    cancel.set_defaults(func=cmd_cancel)
    move = sessions.add_parser("move", help="move a session; reminders follow and everyone is told")
    move.add_argument("session", type=int)
    move.add_argument("--start", required=True)
    move.add_argument("--end", required=True)
    move.set_defaults(func=cmd_move)
    poll = sessions.add_parser("poll", help="send the satisfaction poll to everyone marked present")
    poll.add_argument("session", type=int)
    poll.add_argument("--flow", default=HOT, help="survey to send (default: hot_evaluation; or a staff-defined one)")
    poll.set_defaults(func=cmd_poll)
    qr = sessions.add_parser("qr", help="PNG QR code of the session's deep link")
    qr.add_argument("session", type=int)
    qr.add_argument("--bot", required=True, help="the bot's username, e.g. FaireLienBot")
    qr.add_argument("--out", required=True, help="PNG file to write")
    qr.add_argument("--scale", type=int, default=10)
    qr.set_defaults(func=cmd_qr)
