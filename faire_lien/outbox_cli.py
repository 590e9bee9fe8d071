"""`faire-lien outbox failed | retry`: messages that did not go out, for staff to follow up (audited)."""

from __future__ import annotations

import argparse
import asyncio
import getpass

from faire_lien.config import Settings
from storage import migrate
from storage.audit import record
from storage.db import Database
from storage.models import OutboxMessage
from storage.outbox import send_again, undelivered
from storage.types import utcnow


def describe(message: OutboxMessage) -> str:
    """One message on one line: number, kind, person's registration number, due date and reason."""
    due = message.due_at.strftime("%Y-%m-%d %H:%M UTC")
    return f"#{message.id} {message.kind} person {message.person_id}, due {due}: {message.last_error or 'failed'}"


async def list_failed(database_url: str, actor: str) -> list[str]:
    """The failed messages as lines; one audit row per message shown."""
    db = Database(database_url)
    try:
        async with db.unit_of_work() as session:
            found = await undelivered(session)
            now = utcnow()
            for message in found:
                record(
                    session,
                    actor=actor,
                    action="read_failed_message",
                    at=now,
                    person_id=message.person_id,
                    detail={"message": message.id},
                )
            return [describe(message) for message in found]
    finally:
        await db.dispose()


async def retry(database_url: str, actor: str, message_id: int) -> OutboxMessage | None:
    """Queue one failed message again and audit it; None when it is not a failed message."""
    db = Database(database_url)
    try:
        async with db.unit_of_work() as session:
            now = utcnow()
            message = await send_again(session, message_id, now)
            if message is not None:
                detail = {"message": message.id}
                record(session, actor=actor, action="retry_message", at=now, person_id=message.person_id, detail=detail)
            return message
    finally:
        await db.dispose()


def cmd_failed(settings: Settings, args: argparse.Namespace) -> int:
    """Print the messages that did not go out."""
    migrate.upgrade(settings.database_url)
    lines = asyncio.run(list_failed(settings.database_url, args.staff or getpass.getuser()))
    for line in lines:
        print(line)
    print(f"{len(lines)} message(s) not delivered")
    if lines:
        print("A message cut by a crash may or may not have reached the person: check before `outbox retry`.")
    return 0


def cmd_retry(settings: Settings, args: argparse.Namespace) -> int:
    """Queue a failed message again."""
    migrate.upgrade(settings.database_url)
    message = asyncio.run(retry(settings.database_url, args.staff or getpass.getuser(), args.id))
    if message is None:
        print(f"no failed message #{args.id}: see `faire-lien outbox failed`")
        return 2
    print(f"#{message.id} {message.kind} queued again; the bot sends it within a few seconds")
    return 0


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
