"""`faire-lien staff add-coordinator | list | revoke` and `faire-lien audit`: roles and the audit log."""

from __future__ import annotations

import argparse
import getpass

from sqlalchemy.ext.asyncio import AsyncSession

from cli.db import in_unit_of_work
from cli.numbers import telegram_id, whole
from dialogs.i18n import translator
from dialogs.text import reference
from faire_lien.config import Settings
from faire_lien.staff.journal import ABOUT_PERSON
from faire_lien.staff.service import audit_entries
from faire_lien.staff.team import names_member, said
from storage.models import AuditEntry, StaffMember
from storage.staff import everyone, grant, members, revoke
from storage.types import utcnow

STAFF_LANGUAGE = "fr"
"""The command line speaks to the server's operator in French, as its other staff outputs do."""


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def cmd_add_coordinator(settings: Settings, args: argparse.Namespace) -> int:
    """Make a Telegram user a coordinator (the first one is created this way)."""
    in_unit_of_work(settings.database_url, lambda s: grant(s, args.telegram_id, "coordinator", _actor(), utcnow()))
    print(f"{args.telegram_id} is now a coordinator")
    return 0


def cmd_list(settings: Settings, _args: argparse.Namespace) -> int:
    """Active staff."""
    found = in_unit_of_work(settings.database_url, members)
    for member in found:
        print(f"{member.telegram_id} {member.role} since {member.added_at:%Y-%m-%d} (by {member.added_by})")
    print(f"{len(found)} staff member(s)")
    return 0


def cmd_revoke(settings: Settings, args: argparse.Namespace) -> int:
    """Take a staff member's role away."""
    done = in_unit_of_work(settings.database_url, lambda s: revoke(s, args.telegram_id, _actor(), utcnow()))
    print("role revoked" if done else f"{args.telegram_id} has no active role")
    return 0 if done else 1


def cmd_audit(settings: Settings, args: argparse.Namespace) -> int:
    """The latest audit entries: who read or exported what, and role changes; a name typed with direction overrides
    keeps them inside it (`dialogs/bidi.py`; the detail prints them escaped); each line in the bot's journal's words
    (`faire_lien.staff.team.said`): whose role was given or taken, who joined with whose invitation, in a sentence
    with no raw detail after it."""
    t = translator(STAFF_LANGUAGE)

    async def read(session: AsyncSession) -> tuple[list[AuditEntry], dict[int, StaffMember]]:
        team = {member.telegram_id: member for member in await everyone(session)}
        return await audit_entries(session, args.limit), team

    entries, team = in_unit_of_work(settings.database_url, read)
    for entry in entries:
        about = f" ({t(ABOUT_PERSON.bind(number=reference(entry.person_id)))})" if entry.person_id else ""
        who, words = said(entry, team, t)
        detail = "" if names_member(entry) else f" {entry.detail}"
        print(f"{entry.at:%Y-%m-%d %H:%M:%S} {who} {words}{about}{detail}")
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `staff` and `audit`."""
    staff = sub.add_parser("staff", help="staff roles").add_subparsers(dest="staff_command", required=True)
    add = staff.add_parser("add-coordinator", help="make a Telegram user a coordinator")
    add.add_argument("telegram_id", type=telegram_id)
    add.set_defaults(func=cmd_add_coordinator)
    staff.add_parser("list", help="active staff").set_defaults(func=cmd_list)
    rv = staff.add_parser("revoke", help="take a staff member's role away")
    rv.add_argument("telegram_id", type=telegram_id)
    rv.set_defaults(func=cmd_revoke)
    audit = sub.add_parser("audit", help="the audit log (latest first)")
    audit.add_argument("--limit", type=whole(1, 100_000, "a limit"), default=50)
    audit.set_defaults(func=cmd_audit)
