"""`faire-lien sessions add | import | list | roster | attend | move | cancel | assign | qr`: facilitators publish and
follow sessions.

`--staff telegram:ID` acts as that staff member: a facilitator lists, reads, marks, polls, moves and cancels only the
sessions they published or are assigned to (see cli/acting.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import get_args

from pydantic import ValidationError

from cli.acting import STAFF_HELP, as_staff, refusals
from cli.db import in_unit_of_work
from cli.files import output_file
from cli.numbers import bot_username, record, telegram_id, whole
from cli.served import served_flows
from dialogs.bidi import contained
from faire_lien.config import Settings
from faire_lien.core.links import SESSION_LINK, session_start_link
from faire_lien.core.quiet import quiet_hours
from faire_lien.sessions.service import (
    Roster,
    assign_facilitator,
    cancel_session,
    mark_attendance,
    move_session,
    publish,
    session_roster,
    sessions_to_come,
)
from faire_lien.sessions.spec import Kind, MeetingInput, SpecError, parse_csv, parse_yaml
from faire_lien.surveys.invitations import HOT
from faire_lien.surveys.service import send_poll
from storage.meetings import get_meeting
from storage.statuses import ATTENDANCE
from storage.types import PARIS, utcnow


@refusals
def cmd_add(settings: Settings, args: argparse.Namespace) -> int:
    """Publish one meeting from options; a start that has passed or is over two years ahead is refused (exit 1)."""
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
        spec = MeetingInput.checked_at(raw, utcnow())
    except ValidationError as error:
        for problem in error.errors():
            print(f"{'.'.join(str(p) for p in problem['loc']) or 'meeting'}: {problem['msg']}")
        return 1
    ids = as_staff(settings, args, lambda s, who: publish(s, [spec], who, utcnow()))
    print(f"session {ids[0]} published")
    print(to_share(settings, ids[0]))
    return 0


def to_share(settings: Settings, meeting_id: int) -> str:
    """The session's t.me link to hand out (as the console's poster), or the /start command to send the bot when
    TELEGRAM_BOT_USERNAME is not set."""
    username = settings.telegram_bot_username
    if username:
        return f"link to share: {session_start_link(username, meeting_id)}"
    return (
        f"to open it, people send the bot: /start {SESSION_LINK}{meeting_id} "
        "(set TELEGRAM_BOT_USERNAME for a link to share)"
    )


@refusals
def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    """Publish every meeting of a CSV or YAML file, or none when any line is wrong (a start passed or too far too)."""
    path = Path(args.file)
    try:
        text = path.read_bytes().decode("utf-8-sig")
        parse = parse_yaml if path.suffix in (".yaml", ".yml") else parse_csv
        specs = parse(text, path.name, utcnow())
    except OSError as error:
        print(f"{path}: {error.strerror}")
        return 1
    except UnicodeDecodeError:
        print(f"{path} is not in UTF-8: save it as « CSV UTF-8 » (or YAML in UTF-8); nothing imported")
        return 1
    except SpecError as error:
        print("\n".join(map(str, error.problems)))
        print("nothing imported")
        return 1
    if not specs:
        print(f"{path} holds no session; nothing imported")
        return 1
    ids = as_staff(settings, args, lambda s, who: publish(s, specs, who, utcnow()))
    print(f"{len(ids)} session(s) imported: {', '.join(map(str, ids))}")
    return 0


@refusals
def cmd_list(settings: Settings, args: argparse.Namespace) -> int:
    """Every meeting to come the staff member follows: id, kind, time, place, seats, waiting list."""
    found = as_staff(settings, args, lambda s, who: sessions_to_come(s, who, utcnow()))
    lines = []
    for seats in found:
        meeting = seats.meeting
        start = meeting.starts_at.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")
        lines.append(
            f"#{meeting.id} {meeting.kind} {start} {meeting.place}: {meeting.taken}/{meeting.capacity} seats, "
            f"{seats.waiting} waiting{' (cancelled)' if meeting.status == 'cancelled' else ''} — "
            f"{contained(meeting.title['fr'])}"
        )
    print("\n".join(lines) if lines else "no session to come")
    return 0


@refusals
def cmd_roster(settings: Settings, args: argparse.Namespace) -> int:
    """Registered people then the waiting list (an audited read of personal data)."""
    found = as_staff(settings, args, lambda s, who: session_roster(s, args.session, who, utcnow()))
    lines = roster_lines(found) if found is not None else []
    print("\n".join(lines) if lines else f"no session {args.session}")
    return 0 if lines else 1


def roster_lines(roster: Roster) -> list[str]:
    """The roster as text: the session with seats and attendance, then one line per registration."""
    meeting, counts = roster.meeting, roster.attendance
    marked = counts["present"] + counts["absent"] + counts["excused"]
    rate = f", attendance {counts['present']}/{marked} present" if marked else ""
    lines = [f"#{meeting.id} {contained(meeting.title['fr'])}: {meeting.taken}/{meeting.capacity}{rate}"]
    for line in roster.lines:
        r = line.registration
        who = f"telegram {line.telegram_id}" if line.telegram_id else f"person {r.person_id}"
        rank = f" n°{r.rank}" if r.status == "waiting" else ""
        lines.append(f"  registration {r.id}: {who} — {r.status}{rank}, attendance {r.attendance or '-'}")
    return lines


@refusals
def cmd_attend(settings: Settings, args: argparse.Namespace) -> int:
    """Mark attendance of one registration: present, absent or excused."""
    done = as_staff(settings, args, lambda s, who: mark_attendance(s, args.registration, args.status, who, utcnow()))
    print("attendance saved" if done else f"no registered person with registration {args.registration}")
    return 0 if done else 1


@refusals
def cmd_cancel(settings: Settings, args: argparse.Namespace) -> int:
    """Cancel a session: everyone registered or waiting is told in their language; reminders are dropped."""
    informed = as_staff(
        settings, args, lambda s, who: cancel_session(s, args.session, who, utcnow(), quiet_hours(settings))
    )
    if informed is None:
        print(f"no session {args.session} to cancel")
        return 1
    print(f"session {args.session} cancelled; {informed} person(s) will be told")
    return 0


@refusals
def cmd_move(settings: Settings, args: argparse.Namespace) -> int:
    """Move a session: reminders follow the new date and everyone is told."""
    try:
        moved = as_staff(
            settings,
            args,
            lambda s, who: move_session(s, args.session, args.start, args.end, who, utcnow(), quiet_hours(settings)),
        )
    except ValidationError as error:
        print("; ".join(f"{'.'.join(map(str, e['loc'])) or 'dates'}: {e['msg']}" for e in error.errors()))
        return 1
    if moved is None:
        print(f"no session {args.session} to move")
        return 1
    print(f"session {args.session} moved; {moved} person(s) will be told")
    return 0


@refusals
def cmd_poll(settings: Settings, args: argparse.Namespace) -> int:
    """Send a survey (the hot evaluation by default) to everyone marked present at a session (once each)."""

    flows = served_flows(settings)[0]
    if args.flow not in flows or flows[args.flow].category != "survey":
        known = ", ".join(f.id for f in flows.values() if f.category == "survey")
        print(f"unknown survey {args.flow!r}; surveys: {known}")
        return 1

    queued = as_staff(settings, args, lambda s, who: send_poll(s, args.session, args.flow, who, utcnow()))
    if queued is None:
        print(f"no session {args.session}")
        return 1
    print(f"poll queued for {queued} person(s) marked present; the bot sends it")
    return 0


ASSIGNED = {
    "assigned": "{who} now follows session {session}",
    "already": "{who} already follows session {session}",
    "unassigned": "{who} no longer follows session {session}",
    "not_assigned": "{who} did not follow session {session}",
    "no_session": "no session {session}",
    "not_facilitator": "{who} is not an active facilitator (faire-lien staff list)",
}


@refusals
def cmd_assign(settings: Settings, args: argparse.Namespace) -> int:
    """A coordinator assigns a facilitator to a session, or takes them off it (audited)."""
    on = args.sessions_command == "assign"
    done = as_staff(
        settings, args, lambda s, who: assign_facilitator(s, args.session, args.telegram_id, who, utcnow(), on=on)
    )
    print(ASSIGNED[done].format(who=args.telegram_id, session=args.session))
    return 0 if done in ("assigned", "already", "unassigned", "not_assigned") else 1


def cmd_qr(settings: Settings, args: argparse.Namespace) -> int:
    """A PNG QR code of the session's deep link t.me/<bot>?start=s_<id>, for waiting-room posters."""
    import segno

    meeting = in_unit_of_work(settings.database_url, lambda session: get_meeting(session, args.session))
    if meeting is None:
        print(f"no session {args.session}")
        return 1
    if meeting.status == "cancelled":
        print(f"session {args.session} is cancelled: a poster would lead nowhere")
        return 1
    link = session_start_link(args.bot, args.session)
    try:
        segno.make(link, error="m").save(args.out, kind="png", scale=args.scale, border=4)
    except OSError as failed:
        print(f"could not write {args.out}: {failed.strerror or failed}", file=sys.stderr)
        return 1
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
    add.add_argument("--staff", help=STAFF_HELP)
    add.set_defaults(func=cmd_add)
    importer = sessions.add_parser("import", help="publish sessions from a CSV or YAML file (all or nothing)")
    importer.add_argument("file")
    importer.add_argument("--staff", help=STAFF_HELP)
    importer.set_defaults(func=cmd_import)
    listing = sessions.add_parser("list", help="sessions to come with seats and waiting lists")
    listing.add_argument("--staff", help=STAFF_HELP)
    listing.set_defaults(func=cmd_list)
    roster_cmd = sessions.add_parser("roster", help="who registered and who waits (audited)")
    roster_cmd.add_argument("session", type=record)
    roster_cmd.add_argument("--staff", help=STAFF_HELP)
    roster_cmd.set_defaults(func=cmd_roster)
    attend = sessions.add_parser("attend", help="mark attendance of a registration")
    attend.add_argument("registration", type=record)
    attend.add_argument("status", choices=ATTENDANCE)
    attend.add_argument("--staff", help=STAFF_HELP)
    attend.set_defaults(func=cmd_attend)
    cancel = sessions.add_parser("cancel", help="cancel a session and tell everyone registered or waiting")
    cancel.add_argument("session", type=record)
    cancel.add_argument("--staff", help=STAFF_HELP)
    cancel.set_defaults(func=cmd_cancel)
    move = sessions.add_parser("move", help="move a session; reminders follow and everyone is told")
    move.add_argument("session", type=record)
    move.add_argument("--start", required=True)
    move.add_argument("--end", required=True)
    move.add_argument("--staff", help=STAFF_HELP)
    move.set_defaults(func=cmd_move)
    poll = sessions.add_parser("poll", help="send the satisfaction poll to everyone marked present")
    poll.add_argument("session", type=record)
    poll.add_argument("--flow", default=HOT, help="survey to send (default: hot_evaluation; or a staff-defined one)")
    poll.add_argument("--staff", help=STAFF_HELP)
    poll.set_defaults(func=cmd_poll)
    for name, what in (("assign", "let a facilitator follow a session"), ("unassign", "take a facilitator off it")):
        assignment = sessions.add_parser(name, help=f"{what} (coordinators; audited)")
        assignment.add_argument("session", type=record)
        assignment.add_argument(
            "telegram_id", type=telegram_id, help="the facilitator's Telegram id (faire-lien staff list)"
        )
        assignment.add_argument("--staff", help=STAFF_HELP)
        assignment.set_defaults(func=cmd_assign)
    qr = sessions.add_parser("qr", help="PNG QR code of the session's deep link")
    qr.add_argument("session", type=record)
    qr.add_argument("--bot", required=True, type=bot_username, help="the bot's username, e.g. FaireLienBot")
    qr.add_argument("--out", required=True, type=output_file, help="PNG file to write")
    qr.add_argument("--scale", type=whole(1, 40, "a scale"), default=10, help="pixels per module (1 to 40)")
    qr.set_defaults(func=cmd_qr)
