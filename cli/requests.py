"""`faire-lien requests list`: open call-back requests for staff, each read written to the audit log."""

from __future__ import annotations

import argparse
import asyncio
import getpass

from faire_lien.config import Settings
from faire_lien.staff.service import open_requests
from storage import migrate
from storage.db import Database
from storage.requests import OpenRequest
from storage.types import utcnow


def describe(item: OpenRequest) -> str:
    """One request on one line: number, date, how to reach the person, and the check it follows."""
    contact = item.contact
    how = f"phone {contact['phone']}" if contact.get("phone") else "Telegram message"  # a mediator's request: phone
    origin = f"after {item.origin_flow}" if item.origin_flow else "no check attached"
    when = item.request.created_at.strftime("%Y-%m-%d %H:%M UTC")
    return f"#{item.request.id} {when} person {item.request.person_id}: {how}, {contact.get('moment', 'any')}; {origin}"


async def list_requests(database_url: str, actor: str) -> list[str]:
    """The open requests as lines; one audit row per request shown."""
    db = Database(database_url)
    try:
        async with db.unit_of_work() as session:
            found = await open_requests(session, actor, utcnow())
            return [describe(item) for item in found]
    finally:
        await db.dispose()


def cmd_requests_list(settings: Settings, args: argparse.Namespace) -> int:
    """Print open call-back requests."""
    migrate.upgrade(settings.database_url)
    lines = asyncio.run(list_requests(settings.database_url, args.staff or getpass.getuser()))
    for line in lines:
        print(line)
    print(f"{len(lines)} open request(s)")
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `requests list`."""
    requests = sub.add_parser("requests", help="call-back requests for staff").add_subparsers(
        dest="requests_command", required=True
    )
    listing = requests.add_parser("list", help="open call-back requests (each read is audited)")
    listing.add_argument("--staff", help="who is reading, for the audit log (default: your login name)")
    listing.set_defaults(func=cmd_requests_list)
