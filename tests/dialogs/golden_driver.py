"""Drive the assistant like a person would and record what they see (texts and button labels)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from dialogs.reply import Reply
from faire_lien.assistant import Assistant
from faire_lien.core.inbound import Inbound
from faire_lien.core.later import handled
from storage.db import Database
from storage.people import Identity

UPDATE_IDS = itertools.count(1)


@dataclass
class Person:
    """A simulated person with the last buttons they were shown."""

    assistant: Assistant
    db: Database
    who: Identity = field(default_factory=lambda: Identity(telegram_id=4242))
    language_hint: str = "fr"
    update_id: int = 0
    screen: list[Reply] = field(default_factory=list)
    first_name: str | None = None
    """The Telegram first name each update carries (None: as the terminal chat, no name)."""

    async def send(self, inbound_kind: str, value: str = "", again: bool = False) -> list[Reply]:
        """One event through one unit of work, as the bot does (`again`: Telegram re-sends the last update id)."""
        if not again:
            self.update_id = next(UPDATE_IDS)  # Telegram numbers updates for the whole bot, not per person
        name, _, argument = value[1:].partition(" ") if inbound_kind == "command" else (value, "", "")
        inbound = Inbound(
            inbound_kind,  # type: ignore[arg-type]
            name,
            argument,
            self.language_hint,
            self.update_id,
            first_name=self.first_name,
        )
        replies = await handled(self.db, lambda session: self.assistant.handle(session, self.who, inbound))
        self.screen = replies
        return replies

    def action(self, label: str) -> str:
        """The action of the visible button whose label contains `label`."""
        for reply in reversed(self.screen):
            for row in reply.buttons:
                for button in row:
                    if label in button.label:
                        return button.action
        shown = [r.labels() for r in self.screen]
        raise AssertionError(f"no button {label!r} on screen; buttons: {shown}")

    async def do(self, step: str) -> list[Reply]:
        """`/cmd`, `press:<label>`, `type:<text>`, `media`, `edit` or `raw:<callback data>`."""
        if step.startswith("/"):
            return await self.send("command", step)
        if step.startswith("press:"):
            return await self.send("action", self.action(step[len("press:") :]))
        if step.startswith("raw:"):
            return await self.send("action", step[len("raw:") :])
        if step.startswith("type:"):
            return await self.send("text", step[len("type:") :])
        if step in ("media", "edited"):
            return await self.send(step)
        raise ValueError(f"unknown golden step {step!r}")


def seen(replies: list[Reply]) -> list[dict[str, Any]]:
    """Replies as stored in golden files."""
    return [{"text": r.text, "buttons": r.labels()} for r in replies]
