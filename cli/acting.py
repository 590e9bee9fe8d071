"""Who a staff command acts as (`--staff`), and the refusals it prints when a session is not theirs."""

from __future__ import annotations

import argparse
import functools
import getpass
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from cli.db import in_unit_of_work, with_database
from faire_lien.config import Settings
from faire_lien.core.roles import Staff, staff_named
from faire_lien.sessions.access import NotAllowedError, NotYourSessionError
from faire_lien.sessions.texts import local_time
from faire_lien.sessions.timing import (
    CheckInNotOpenError,
    PeopleWelcomedError,
    PollNotOpenError,
    SessionOverError,
    StartRefusedError,
)
from storage.db import Database

T = TypeVar("T")
Command = Callable[[Settings, argparse.Namespace], int]
STAFF_HELP = (
    "who acts: telegram:ID (or a Telegram id) acts as that staff member, with their role "
    "(a facilitator reaches only their sessions); any other name is the server's operator, "
    "a coordinator, audited under that name (default: your login name)"
)


class UnknownStaffError(Exception):
    """`--staff` named a Telegram id with no active staff role."""


def staff_name(args: argparse.Namespace) -> str:
    """The `--staff` given, or the login name."""
    return str(getattr(args, "staff", None) or getpass.getuser())


def as_staff(settings: Settings, args: argparse.Namespace, work: Callable[[AsyncSession, Staff], Awaitable[T]]) -> T:
    """Run `work` in one unit of work as the staff member `--staff` names."""

    async def go(session: AsyncSession) -> T:
        who = await staff_named(session, staff_name(args))
        if who is None:
            raise UnknownStaffError(staff_name(args))
        return await work(session, who)

    return in_unit_of_work(settings.database_url, go)


def reading_as_staff(
    settings: Settings, args: argparse.Namespace, work: Callable[[Database, Staff], Awaitable[T]]
) -> T:
    """Run a report `work` (its own read-only read and audit) as the staff member `--staff` names."""

    async def go(db: Database) -> T:
        async with db.read_only() as reader:
            who = await staff_named(reader, staff_name(args))
        if who is None:
            raise UnknownStaffError(staff_name(args))
        return await work(db, who)

    return with_database(settings.database_url, go)


def paris(moment: datetime) -> str:
    """ "13:00 on 2026-12-03 (Paris time)" for a stored UTC time."""
    local = local_time(moment)
    return f"{local:%H:%M} on {local:%Y-%m-%d} (Paris time)"


def refusals(command: Command) -> Command:
    """Turn a refusal (not your session, not your role, no such staff member, too early, a start refused, a session
    over or with people marked present) into a message and exit 1."""

    @functools.wraps(command)
    def run(settings: Settings, args: argparse.Namespace) -> int:
        try:
            return command(settings, args)
        except NotYourSessionError as refused:
            print(
                f"session {refused.meeting_id} is not one of yours: a facilitator follows the sessions they "
                "published or a coordinator assigned them (faire-lien sessions assign)"
            )
        except NotAllowedError as refused:
            print(str(refused))
        except UnknownStaffError as refused:
            print(f"{refused}: no active staff member with this Telegram id (faire-lien staff list)")
        except CheckInNotOpenError as early:
            print(f"check-in opens at {paris(early.opens_at)}, one hour before session {early.meeting_id} starts")
        except PollNotOpenError as early:
            print(f"the poll can be sent once session {early.meeting_id} has ended, at {paris(early.opens_at)}")
        except StartRefusedError as refused:
            print(f"start: {refused.reason}")
        except SessionOverError as over:
            print(
                f"session {over.meeting_id} ended at {paris(over.ended_at)}: it was held and can no longer be "
                "cancelled or moved"
            )
        except PeopleWelcomedError as held:
            people = "1 person was" if held.present == 1 else f"{held.present} people were"
            print(
                f"session {held.meeting_id}: {people} marked present: it is being held and can no longer be "
                "cancelled or moved; if a mark is wrong, correct it first "
                "(faire-lien sessions attend REGISTRATION absent|excused)"
            )
        return 1

    return run
