"""`faire-lien outbox failed | retry`: messages that did not go out, for staff to follow up (audited)."""

from __future__ import annotations

import argparse
import getpass

from sqlalchemy.ext.asyncio import AsyncSession

from cli.db import in_unit_of_work
from faire_lien.config import Settings
from faire_lien.outbox.service import failed_messages, retry
from storage.models import OutboxMessage
from storage.types import utcnow


def describe(message: OutboxMessage) -> str:
    """One message on one line: number, kind, person's registration number, due date and reason."""
    due = message.due_at.strftime("%Y-%m-%d %H:%M UTC")
    return f"#{message.id} {message.kind} person {message.person_id}, due {due}: {message.last_error or 'failed'}"


def cmd_failed(settings: Settings, args: argparse.Namespace) -> int:
    """Print the messages that did not go out; one audit row per message shown."""
    actor = args.staff or getpass.getuser()

    async def work(session: AsyncSession) -> list[str]:
        return [describe(message) for message in await failed_messages(session, actor, utcnow())]

    lines = in_unit_of_work(settings.database_url, work)
    for line in lines:
        print(line)
    print(f"{len(lines)} message(s) not delivered")
    if lines:
        print("A message cut by a crash may or may not have reached the person: check before `outbox retry`.")
    return 0


def cmd_retry(settings: Settings, args: argparse.Namespace) -> int:
    """Queue a failed message again (audited)."""
    actor = args.staff or getpass.getuser()

    async def work(session: AsyncSession) -> str | None:
        message = await retry(session, args.id, actor, utcnow())
        if message is None:
            return None
        return f"#{message.id} {message.kind} queued again; the bot sends it within a few seconds"

    done = in_unit_of_work(settings.database_url, work)
    print(done or f"no failed message #{args.id}: see `faire-lien outbox failed`")
    return 0 if done else 2


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `outbox failed` and `outbox retry`."""
    outbox = sub.add_parser("outbox", help="reminders and messages that did not go out").add_subparsers(
        dest="outbox_command", required=True
    )
    failed = outbox.add_parser("failed", help="messages not delivered, with the reason (each read is audited)")
    failed.add_argument("--staff", help="who is reading, for the audit log (default: your login name)")
    failed.set_defaults(func=cmd_failed)
    again = outbox.add_parser("retry", help="send a failed message again (audited)")
    again.add_argument("id", type=int, help="the message number shown by `outbox failed`")
    again.add_argument("--staff", help="who is asking, for the audit log (default: your login name)")
    again.set_defaults(func=cmd_retry)
