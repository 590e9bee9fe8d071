"""The terminal chat: the same assistant and database as the bot, with numbers for buttons."""

from __future__ import annotations

import functools
import getpass
import sys
from collections.abc import Callable
from typing import TextIO

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.digits import plain_number
from dialogs.reply import Reply
from faire_lien import routes
from faire_lien.assistant import Assistant
from faire_lien.core.inbound import Inbound, command_parts
from faire_lien.core.later import handled
from faire_lien.outbox.delivery import shown_in_terminal
from storage.db import Database
from storage.people import Identity, find_person

BANNER = (
    "faire-lien — terminal chat. Type a number to press a button ([#1] buttons: type #1, because a number "
    "there is your answer), `b` to go back, `q` to quit; anything else is sent as text.\n"
    "The terminal runs on the server, so you are a coordinator here: /staff opens the staff menu."
)


def show(replies: list[Reply], out: TextIO) -> tuple[list[str], bool]:
    """Print replies with buttons numbered across them; return their actions and whether the last wants typing."""
    actions: list[str] = []
    typed = False
    for reply in replies:
        out.write("\n" + reply.text + "\n")
        if reply.document is not None:
            out.write(f"   📎 {reply.document.filename} ({len(reply.document.content)} bytes)\n")
        typed = reply.typed
        mark = "#" if typed else ""
        for row in reply.buttons:
            cells = []
            for button in row:
                actions.append(button.action)
                cells.append(f"[{mark}{len(actions)}] {button.label}")
            out.write("   " + "   ".join(cells) + "\n")
    out.flush()
    return actions, typed


def to_inbound(line: str, actions: list[str], language: str | None, *, typed: bool = False) -> Inbound | None:
    """What a typed line means: a button number, back, a command, or text (None = quit)."""
    text = line.strip()
    if text.lower() == "q":
        return None
    number = plain_number(text[1:] if typed and text.startswith("#") else text if not typed else "")
    if number is not None and 1 <= number <= len(actions):
        return Inbound("action", actions[number - 1], language_hint=language)
    if text.lower() == "b":
        back = next((a for a in actions if a.endswith(":back")), None)
        return (
            Inbound("action", back, language_hint=language) if back else Inbound("text", text, language_hint=language)
        )
    command = command_parts(text)
    if command is not None:
        return Inbound("command", *command, language_hint=language)
    return Inbound("text", text, language_hint=language)


async def turn(assistant: Assistant, who: Identity, inbound: Inbound, session: AsyncSession) -> list[Reply]:
    """What the terminal shows for one line: reminders, seat offers and polls due for this user, then the replies."""
    replies = await assistant.handle(session, who, inbound)
    person = await find_person(session, who)
    if person is None:
        return replies
    return [*await shown_in_terminal(session, person.id, assistant.clock()), *replies]


async def chat(
    assistant: Assistant,
    db: Database,
    *,
    user: str | None,
    language: str | None,
    read: Callable[[], str] = sys.stdin.readline,
    out: TextIO = sys.stdout,
) -> None:
    """Talk with the assistant until `q` or end of input; every step is committed as in the bot."""
    who = Identity(terminal_user=user or getpass.getuser())
    out.write(BANNER + "\n")
    inbound: Inbound | None = Inbound("command", "start", language_hint=language)
    async with db.unit_of_work() as session:
        known = await find_person(session, who) is not None
    if language is not None and language in assistant.languages and not known:
        inbound = Inbound("action", routes.LANGUAGE.data(language), language_hint=language)  # --lang chose it
    actions: list[str] = []
    typed = False
    while inbound is not None:
        replies = await handled(db, functools.partial(turn, assistant, who, inbound))
        shown, shown_typed = show(replies, out)
        if shown:
            actions, typed = shown, shown_typed
        out.write("> ")
        out.flush()
        line = read()
        if not line:
            out.write("\n")
            break
        inbound = to_inbound(line, actions, language, typed=typed)
