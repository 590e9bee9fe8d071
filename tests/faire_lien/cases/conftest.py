"""People and staff talking through the assistant, and the outbox delivered to them in this process."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from dialogs.reply import Reply
from faire_lien.assistant import Assistant
from faire_lien.core.quiet import QuietHours
from faire_lien.outbox.delivery import SENT, prepare, settle
from storage.db import Database
from storage.outbox import claim_due
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker


@dataclass
class Chats:
    """Everyone's chat: what each Telegram id received from the outbox, in order."""

    db: Database
    received: dict[int, list[Reply]] = field(default_factory=dict)
    now: datetime = NOW
    """The outbox sender's clock."""
    quiet: QuietHours | None = None
    """Quiet hours the sender keeps, as the bot's does (None: none): within them only urgent messages go."""

    async def deliver(self) -> dict[int, list[Reply]]:
        """Send every due message as the outbox sender would; what each chat got this time."""
        got: dict[int, list[Reply]] = {}
        while True:
            async with self.db.unit_of_work() as session:
                night = self.quiet is not None and self.quiet.is_quiet(self.now)
                claimed = await claim_due(session, self.now, limit=1, urgent_only=night)
            if not claimed:
                return got
            async with self.db.unit_of_work() as session:
                ready = await prepare(session, claimed[0].id, self.now)
            if ready is not None:
                got.setdefault(ready.chat_id, []).append(ready.reply)
                self.received.setdefault(ready.chat_id, []).append(ready.reply)
            async with self.db.unit_of_work() as session:
                await settle(session, claimed[0].id, SENT, self.now)


async def talker(assistant: Assistant, db: Database, telegram_id: int, role: str | None = None) -> Talker:
    """Someone who chose French and agreed; with a staff role when given."""
    if role is not None:
        await make_staff(db, telegram_id, role)
    person = Talker(assistant, db, who=Identity(telegram_id=telegram_id))
    for step in ("/start", "press:Français", "press:J'accepte"):
        await person.do(step)
    return person


ASK_FOR_HELP = ["press:Bilan", "press:Je ne comprends pas", "press:Demander à une personne", "press:Oui, demander"]
"""A person in the rights check asks a person for help with its first question."""


async def help_taken(assistant: Assistant, db: Database) -> tuple[Chats, Talker, Talker]:
    """Amina (601) asks for help in her rights check and Marie (501, coordinator) takes it from her notice."""
    chats = Chats(db)
    marie = await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in ASK_FOR_HELP:
        await amina.do(step)
    (notice,) = (await chats.deliver())[501]
    await marie.send("action", pressed(marie, notice, "Je la prends"))
    return chats, marie, amina


def pressed(person: Talker, reply: Reply, label: str) -> str:
    """The action of a button of a message the outbox delivered (shown on the person's screen)."""
    person.screen = [reply]
    return person.action(label)
