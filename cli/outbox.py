"""`faire-lien outbox failed | retry`: messages not delivered or uncertain, for staff to follow up (audited)."""

from __future__ import annotations

import argparse
import getpass

from sqlalchemy.ext.asyncio import AsyncSession

from cli.db import in_unit_of_work
from faire_lien.config import Settings
from faire_lien.outbox.service import failed_messages, retry
from storage.models import OutboxMessage
from storage.types import utcnow

STATES = {"failed": "failed, not delivered", "uncertain": "UNCERTAIN, may or may not have arrived"}
"""How each status staff follow up reads on a line."""

UNCERTAIN_HELP = (
    "Uncertain: Telegram may have shown it to the person (the request left, the answer was lost); "
    "it is never sent again automatically. Check with the person before `outbox retry ID`, or they may get it twice."
)
FAILED_HELP = "Failed: Telegram did not deliver it (blocked, refused, too many tries); `outbox retry ID` sends again."


def describe(message: OutboxMessage) -> str:
    """One message on one line: number, kind, person's registration number, due date, failed or uncertain, reason."""
    due = message.due_at.strftime("%Y-%m-%d %H:%M UTC")
    state = STATES.get(message.status, message.status)
    return f"#{message.id} {message.kind} person {message.person_id}, due {due}: {state}: {message.last_error or '?'}"


def cmd_failed(settings: Settings, args: argparse.Namespace) -> int:
    """Print the messages that did not go out or may not have; one audit row per message shown."""
    actor = args.staff or getpass.getuser()

    async def work(session: AsyncSession) -> list[tuple[str, str]]:
        found = await failed_messages(session, actor, utcnow())
        return [(message.status, describe(message)) for message in found]

    found = in_unit_of_work(settings.database_url, work)
    for _, line in found:
        print(line)
    uncertain = sum(status == "uncertain" for status, _ in found)
    failed = len(found) - uncertain
    print(f"{len(found)} message(s) to follow up: {failed} failed, {uncertain} uncertain")
    if uncertain:
        print(UNCERTAIN_HELP)
    if failed:
        print(FAILED_HELP)
    return 0


def cmd_retry(settings: Settings, args: argparse.Namespace) -> int:
    """Queue a failed or uncertain message again (audited): staff checked an uncertain one with the person."""
    actor = args.staff or getpass.getuser()

    async def work(session: AsyncSession) -> str | None:
        message = await retry(session, args.id, actor, utcnow())
        if message is None:
            return None
        return f"#{message.id} {message.kind} queued again; the bot sends it within a few seconds"

    done = in_unit_of_work(settings.database_url, work)
    print(done or f"no failed or uncertain message #{args.id}: see `faire-lien outbox failed`")
    return 0 if done else 2


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `outbox failed` and `outbox retry`."""
    outbox = sub.add_parser("outbox", help="reminders and messages that did not go out").add_subparsers(
        dest="outbox_command", required=True
    )
    failed = outbox.add_parser(
        "failed", help="messages not delivered or uncertain, with the reason (each read is audited)"
    )
    failed.add_argument("--staff", help="who is reading, for the audit log (default: your login name)")
    failed.set_defaults(func=cmd_failed)
    again = outbox.add_parser("retry", help="send a failed or uncertain message again (audited)")
    again.add_argument("id", type=int, help="the message number shown by `outbox failed`")
    again.add_argument("--staff", help="who is asking, for the audit log (default: your login name)")
    again.set_defaults(func=cmd_retry)
