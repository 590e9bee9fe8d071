"""A button pressed twice on the same message within seconds (a double tap) is answered once: the second press shows
nothing, whatever the button (language, consent, menu, a question's answer); a box ticked then unticked counts twice."""

from __future__ import annotations

import itertools
from datetime import timedelta

from dialogs.i18n import available_languages
from dialogs.reply import Reply
from dialogs.schema import Flow
from faire_lien.assistant import DOUBLE_PRESS, Assistant
from faire_lien.core.inbound import Inbound
from faire_lien.core.later import handled
from storage.db import Database
from storage.people import Identity
from tests.conftest import NOW

UPDATE_IDS = itertools.count(9_000_000)


class Phone:
    """A person's phone: each button lives on a numbered message; a tap sends its message's number with it."""

    def __init__(self, db: Database, flows: dict[str, Flow], telegram_id: int) -> None:
        self.now = NOW
        self.db = db
        self.assistant = Assistant(
            {k: v for k, v in flows.items() if k != "all_kinds"}, available_languages(), clock=lambda: self.now
        )
        self.who = Identity(telegram_id=telegram_id)
        self.message = 0
        self.screen: list[Reply] = []

    async def send(self, kind: str, value: str = "", press: str | None = None) -> list[Reply]:
        name, _, argument = value[1:].partition(" ") if kind == "command" else (value, "", "")
        inbound = Inbound(kind, name, argument, "fr", next(UPDATE_IDS), press=press)  # type: ignore[arg-type]
        replies = await handled(self.db, lambda session: self.assistant.handle(session, self.who, inbound))
        if replies:
            self.screen, self.message = replies, self.message + 1
        return replies

    def tap_data(self, label: str) -> tuple[str, str]:
        """The action of the button labelled so, and the press key of that button on the message showing it."""
        for reply in reversed(self.screen):
            for row in reply.buttons:
                for button in row:
                    if label in button.label:
                        return button.action, f"{self.message}:{button.action}"
        raise AssertionError(f"no button {label!r}: {[r.labels() for r in self.screen]}")

    async def tap_twice(self, label: str, after: timedelta = timedelta(milliseconds=400)) -> tuple[list[Reply], ...]:
        action, press = self.tap_data(label)
        first = await self.send("action", action, press)
        self.now += after
        second = await self.send("action", action, press)
        self.now += timedelta(seconds=10)
        return first, second


def texts(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


async def test_a_double_tap_on_each_kind_of_button_is_answered_once(db: Database, flows: dict[str, Flow]) -> None:
    phone = Phone(db, flows, 5101)
    await phone.send("command", "/start")
    language, again = await phone.tap_twice("Français")
    assert language and again == []
    agreed, again = await phone.tap_twice("J'accepte")
    assert "Que voulez-vous faire ?" in texts(agreed) and again == []
    started, again = await phone.tap_twice("droits santé")
    assert "question 1" in texts(started) and again == []
    answered, again = await phone.tap_twice("Nationalité")
    assert "question 2" in texts(answered) and again == []
    assert "n'est plus valide" not in texts(again)


async def test_a_second_tap_after_the_double_tap_window_is_answered(db: Database, flows: dict[str, Flow]) -> None:
    """Pressed again 4 seconds later, on purpose: the old question's button says where the person is."""
    phone = Phone(db, flows, 5102)
    await phone.send("command", "/start")
    await phone.tap_twice("Français")
    await phone.tap_twice("J'accepte")
    await phone.tap_twice("droits santé")
    _, later = await phone.tap_twice("Nationalité", after=DOUBLE_PRESS + timedelta(seconds=1))
    assert "Ce bouton n'est plus valide. Voici la question en cours." in texts(later)


async def test_a_box_ticked_then_unticked_at_once_counts_twice(db: Database, flows: dict[str, Flow]) -> None:
    """A multi-choice question's box ticked, then unticked half a second later with the box the edited question
    shows (its buttons carry the next turn): both count. A double tap on the box, before the edit: once."""
    phone = Phone(db, flows, 5103)
    await phone.send("command", "/start")
    await phone.tap_twice("Français")
    await phone.tap_twice("J'accepte")
    await phone.tap_twice("droits santé")
    for label in ("Nationalité", "Plus de 3 mois"):
        await phone.tap_twice(label)
    await phone.send("text", "1985")
    await phone.send("text", "1")
    for label in ("France métropolitaine",):
        await phone.tap_twice(label)
    ticked, again = await phone.tap_twice("RSA")
    assert "☑ RSA" in str(ticked[-1].labels()) and again == []
    action, press = phone.tap_data("RSA")
    phone.now += timedelta(milliseconds=500)
    unticked = await phone.send("action", action, press)
    assert "☐ RSA" in str(unticked[-1].labels())


async def test_the_same_button_again_after_something_else_is_answered(db: Database, flows: dict[str, Flow]) -> None:
    """Within the same second, but with another message of the person's in between: pressed again on purpose."""
    phone = Phone(db, flows, 5104)
    await phone.send("command", "/start")
    await phone.tap_twice("Français")
    await phone.tap_twice("J'accepte")
    menu = phone.tap_data("droits santé")
    await phone.send("action", *menu)
    await phone.send("command", "/menu")
    again = await phone.send("action", *menu)
    assert "Bon retour ! On reprend où vous en étiez." in texts(again)
