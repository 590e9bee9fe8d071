"""`faire-lien requests list`: open cases (call-back requests, help, facilitator meetings), each read audited."""

from __future__ import annotations

import argparse

from sqlalchemy.ext.asyncio import AsyncSession

from cli.acting import STAFF_HELP, UnknownStaffError, as_staff, refusals
from faire_lien.cases.service import CaseView
from faire_lien.config import Settings
from faire_lien.core.roles import Staff, staff_named
from faire_lien.staff.service import open_requests
from storage import migrate
from storage.db import Database
from storage.types import utcnow


def describe(view: CaseView) -> str:
    """One case on one line: number, date, kind, language, status, how to reach the person, what it follows."""
    case, contact = view.case, view.shared
    how = f"phone {contact['phone']}" if contact.get("phone") else "Telegram message"  # a mediator's request: phone
    origin = f"after {view.origin_flow}" if view.origin_flow else "no check attached"
    when = case.created_at.strftime("%Y-%m-%d %H:%M UTC")
    held = f", held by {view.holder}" if view.holder else ""
    return (
        f"#{case.id} {when} {case.kind} ({case.language}) person {case.person_id}: {case.status}{held}; "
        f"{how}, {contact.get('moment', 'any')}; {origin}"
    )


async def listed(session: AsyncSession, who: Staff) -> list[str]:
    """The open cases this staff member handles, one line each; one audit row per case shown."""
    return [describe(view) for view in await open_requests(session, who, utcnow(), "command line")]


async def list_requests(database_url: str, name: str) -> list[str]:
    """The open cases as lines for the staff member `--staff` names."""
    db = Database(database_url)
    try:
        async with db.unit_of_work() as session:
            who = await staff_named(session, name)
            if who is None:
                raise UnknownStaffError(name)
            return await listed(session, who)
    finally:
        await db.dispose()


@refusals
def cmd_requests_list(settings: Settings, args: argparse.Namespace) -> int:
    """Print the open cases the acting staff member handles."""
    migrate.upgrade(settings.database_url)
    lines = as_staff(settings, args, listed)
    for line in lines:
        print(line)
    print(f"{len(lines)} open request(s)")
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `requests list`."""
    requests = sub.add_parser(
        "requests", help="cases for staff: call-backs, help, facilitator meetings"
    ).add_subparsers(dest="requests_command", required=True)
    listing = requests.add_parser("list", help="open cases (each read is audited)")
    listing.add_argument("--staff", help=STAFF_HELP)
    listing.set_defaults(func=cmd_requests_list)
