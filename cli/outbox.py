"""`faire-lien outbox failed | retry`: messages not delivered or uncertain, for staff to follow up (audited)."""

from __future__ import annotations

import argparse
import getpass

from sqlalchemy.ext.asyncio import AsyncSession

from cli.db import in_unit_of_work
from cli.numbers import record
from dialogs.i18n import translator
from dialogs.text import msg, reference
from faire_lien.config import Settings
from faire_lien.outbox.screens import FAILED_HELP, HEAD, NOTHING, QUEUED, UNCERTAIN_HELP, line
from faire_lien.outbox.service import failed_messages, retry
from storage.types import utcnow

STAFF_LANGUAGE = "fr"
"""The command line's staff output, as the other commands print it: French, Paris time."""

RETRY_HINT = msg("🔁 Pour renvoyer un message : faire-lien outbox retry NUMÉRO (le numéro après « n° »).", "staff")
NOT_TO_RETRY = msg(
    "Le message n°{id} : rien à renvoyer (déjà renvoyé, ou effacé). Voir faire-lien outbox failed.", "staff"
)


def cmd_failed(settings: Settings, args: argparse.Namespace) -> int:
    """Print the messages that did not go out or may not have, as the bot's undelivered-messages screen words them;
    one audit row per message shown."""
    actor = args.staff or getpass.getuser()
    t = translator(STAFF_LANGUAGE)

    async def work(session: AsyncSession) -> list[str]:
        found = await failed_messages(session, actor, utcnow())
        if not found:
            return [t(NOTHING)]
        uncertain = sum(m.status == "uncertain" for m in found)
        lines = [t(HEAD.bind(failed=len(found) - uncertain, uncertain=uncertain))]
        lines += [await line(session, t, message) for message in found]
        lines += [t(UNCERTAIN_HELP)] if uncertain else []
        lines += [t(FAILED_HELP)] if len(found) > uncertain else []
        return [*lines, t(RETRY_HINT)]

    print("\n".join(in_unit_of_work(settings.database_url, work)))
    return 0


def cmd_retry(settings: Settings, args: argparse.Namespace) -> int:
    """Queue a failed or uncertain message again (audited): staff checked an uncertain one with the person."""
    actor = args.staff or getpass.getuser()
    t = translator(STAFF_LANGUAGE)

    async def work(session: AsyncSession) -> bool:
        return await retry(session, args.id, actor, utcnow()) is not None

    done = in_unit_of_work(settings.database_url, work)
    print(t(QUEUED.bind(id=reference(args.id))) if done else t(NOT_TO_RETRY.bind(id=reference(args.id))))
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
    again.add_argument("id", type=record, help="the message number shown by `outbox failed`")
    again.add_argument("--staff", help="who is asking, for the audit log (default: your login name)")
    again.set_defaults(func=cmd_retry)
