"""`faire-lien requests list`: open cases (call-back requests, help, facilitator meetings), each read audited."""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from cli.acting import STAFF_HELP, UnknownStaffError, as_staff, refusals
from cli.served import served_flows
from dialogs.i18n import Translator, translator
from dialogs.schema import Flow
from faire_lien.cases.desk import NO_CASES, open_head, open_line
from faire_lien.cases.service import CaseView
from faire_lien.cases.shared import shared_lines
from faire_lien.config import Settings
from faire_lien.core.roles import Staff, staff_named
from faire_lien.staff.service import open_requests
from storage import migrate
from storage.db import Database
from storage.types import utcnow

STAFF_LANGUAGE = "fr"
"""The command line's staff output, as `outbox failed` prints it: French, Paris time."""


async def describe(session: AsyncSession, view: CaseView, flows: Mapping[str, Flow], t: Translator) -> str:
    """One case as the bot's list writes it (number, kind, language, who holds it, answer due, in Paris time), then
    what the person shared to be reached, as the console's case page labels it; never the person's number."""
    shared = [f"   {line}" for line in shared_lines(view, flows, t)]
    return "\n".join([await open_line(session, view.case, t), *shared])


async def listed(session: AsyncSession, who: Staff, flows: Mapping[str, Flow]) -> list[str]:
    """The open cases this staff member handles under a heading, one entry each; one audit row per case shown."""
    t = translator(STAFF_LANGUAGE)
    views = await open_requests(session, who, utcnow(), "command line")
    if not views:
        return [t(NO_CASES)]
    return [t(open_head(len(views))), *[await describe(session, view, flows, t) for view in views]]


async def list_requests(database_url: str, name: str, flows: Mapping[str, Flow]) -> list[str]:
    """The open cases as entries for the staff member `--staff` names."""
    db = Database(database_url)
    try:
        async with db.unit_of_work() as session:
            who = await staff_named(session, name)
            if who is None:
                raise UnknownStaffError(name)
            return await listed(session, who, flows)
    finally:
        await db.dispose()


@refusals
def cmd_requests_list(settings: Settings, args: argparse.Namespace) -> int:
    """Print the open cases the acting staff member handles, in French and Paris time, as the bot lists them."""
    migrate.upgrade(settings.database_url)
    flows = served_flows(settings)[0]
    print("\n\n".join(as_staff(settings, args, lambda session, who: listed(session, who, flows))))
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `requests list`."""
    requests = sub.add_parser(
        "requests", help="cases for staff: call-backs, help, facilitator meetings"
    ).add_subparsers(dest="requests_command", required=True)
    listing = requests.add_parser("list", help="open cases (each read is audited)")
    listing.add_argument("--staff", help=STAFF_HELP)
    listing.set_defaults(func=cmd_requests_list)
