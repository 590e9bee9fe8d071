"""An anonymous rights check for someone who did not agree to storage: held in this worker's memory, never stored.

Nothing of it reaches the database: the questions and answers live in a bounded dictionary of this
process, forgotten when the check ends, after `KEPT_FOR` without a word, or when the process stops.
With several workers, a person's next update may reach another worker, which does not hold their
check: they are told it was lost and can start again (the price of storing nothing).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from dialogs import engine
from dialogs.engine import Finished, Notice, Output, State
from dialogs.present import render, render_blocks
from dialogs.reply import Reply, split_text
from dialogs.results import BUILDERS
from dialogs.schema import Flow
from dialogs.steps import decode
from dialogs.steps.nav import Help
from dialogs.text import Msg, msg
from faire_lien.core import screens
from faire_lien.core.on_screen import paused, question_last
from faire_lien.core.turn import Turn
from faire_lien.routes import flow_prefix

KEPT_FOR = timedelta(hours=2)
"""A check left this long is forgotten."""
MAX_HELD = 10_000
"""Checks held at once per worker; the oldest is forgotten first."""

ANONYMOUS = msg(
    "Bilan anonyme : rien de ce que vous répondez n'est enregistré. Vos réponses restent seulement le temps "
    "de cette conversation, puis sont oubliées.",
    "anonymous",
)
LOST = msg(
    "Votre bilan anonyme a été oublié (il n'est jamais enregistré). Vous pouvez le recommencer depuis le menu.",
    "anonymous",
)
HELP_ANONYMOUS = msg(
    "Un médiateur ou une médiatrice peut vous aider à répondre. Pour être rappelé·e, il faut donner votre accord "
    "pour que vos réponses soient enregistrées.",
    "anonymous",
)
DONE = msg(
    "Rien n'a été enregistré. Pour vous inscrire à une rencontre ou être rappelé·e par un travailleur social, "
    "choisissez « Donner mon accord ».",
    "anonymous",
)


@dataclass
class Held:
    """One person's check in progress: the engine's state and the turn its buttons belong to."""

    state: State
    turn: int
    touched: datetime
    hidden: bool = False
    """Another page came under the question (the information menu, a session…): typed text is no answer then."""


class AnonymousChecks:
    """The anonymous checks of this worker, by person id (the stub row of someone who refused storage)."""

    def __init__(self, flow: Flow | None) -> None:
        self.flow = flow
        self._held: OrderedDict[int, Held] = OrderedDict()

    @property
    def offered(self) -> bool:
        """Whether the rights check exists, so the information menu can offer it."""
        return self.flow is not None

    def held(self, person_id: int, now: datetime) -> Held | None:
        """The person's check in progress, if this worker holds one that is not too old."""
        while self._held:
            oldest_id, oldest = next(iter(self._held.items()))
            if now - oldest.touched < KEPT_FOR and len(self._held) <= MAX_HELD:
                break
            del self._held[oldest_id]
        return self._held.get(person_id)

    def start(self, turn: Turn) -> list[Reply]:
        """The first question, under the notice that nothing is stored."""
        assert self.flow is not None
        flow = self.flow
        outcome = engine.start(flow)
        intro = [Notice(ANONYMOUS), *([Notice(msg(flow.intro, flow.context))] if flow.intro else [])]
        return self._keep(turn, outcome.state, [*intro, *outcome.outputs], 1)

    def ask(self, turn: Turn) -> list[Reply]:
        """The current question again (the check resumed from the menu)."""
        held = self.held(turn.person.id, turn.now)
        if held is None or self.flow is None:
            return self.start(turn)
        outputs: list[Output] = [Notice(ANONYMOUS), engine.question(self.flow, held.state)]
        return render(outputs, turn.t, flow_prefix(held.turn), turn.today)

    def press(self, turn: Turn, at_turn: int, token: str) -> list[Reply] | None:
        """A question's own button; None when this worker holds no check for the person (or it is stale)."""
        held = self.held(turn.person.id, turn.now)
        if held is None or self.flow is None or held.state.step is None:
            return None
        if at_turn != held.turn:
            return render(engine.stale(self.flow, held.state).outputs, turn.t, flow_prefix(held.turn), turn.today)
        event = decode(self.flow.step(held.state.step), token)
        if isinstance(event, Help):
            question = engine.question(self.flow, held.state)
            return render([Notice(HELP_ANONYMOUS), question], turn.t, flow_prefix(held.turn), turn.today)
        if event is None:
            return render(engine.stale(self.flow, held.state).outputs, turn.t, flow_prefix(held.turn), turn.today)
        return self._advance(turn, held, event)

    def typed(self, turn: Turn, text: str) -> list[Reply] | None:
        """A typed answer; None when this worker holds no check for the person.

        Typed while another page is under the question, it is no answer: the check is paused, its question asked
        again.
        """
        held = self.held(turn.person.id, turn.now)
        if held is None:
            return None
        if held.hidden and self.flow is not None:
            return self.aside(turn, paused(self.flow, self.flow.id))
        return self._advance(turn, held, engine.Typed(text))

    def note_screen(self, turn: Turn, replies: list[Reply]) -> None:
        """Remember whether the check's question is still the last message on screen after these replies."""
        held = self.held(turn.person.id, turn.now)
        shown = None if held is None else question_last(replies, held.turn)
        if held is not None and shown is not None:
            held.hidden = not shown

    def turn_of(self, person_id: int, now: datetime) -> int | None:
        """The turn the buttons of the person's current question carry; None when this worker holds no check."""
        held = self.held(person_id, now)
        return None if held is None else held.turn

    def aside(self, turn: Turn, notice: Msg) -> list[Reply] | None:
        """Text not taken as an answer (forwarded, a reply to an earlier question): the notice and the current
        question again; None when this worker holds no check for the person."""
        return self.asked(turn, [notice])

    def asked(self, turn: Turn, notices: list[Msg]) -> list[Reply] | None:
        """The notices, then the current question in the person's language now (after a photo, an edit, another
        language chosen…); None when this worker holds no check for the person."""
        held = self.held(turn.person.id, turn.now)
        if held is None or self.flow is None or held.state.step is None:
            return None
        held.touched = turn.now
        outputs: list[Output] = [*(Notice(n) for n in notices), engine.question(self.flow, held.state)]
        return render(outputs, turn.t, flow_prefix(held.turn), turn.today)

    def forget(self, person_id: int) -> None:
        """Drop the person's check (they agreed to storage, or asked to erase everything)."""
        self._held.pop(person_id, None)

    def _advance(self, turn: Turn, held: Held, event: engine.Event) -> list[Reply]:
        assert self.flow is not None
        outcome = engine.advance(self.flow, held.state, event, turn.today, turn.t.locale)
        finished = next((o for o in outcome.outputs if isinstance(o, Finished)), None)
        if finished is not None:
            self.forget(turn.person.id)
            card = BUILDERS[self.flow.result](self.flow, finished.answers, turn.today)
            chunks = split_text(render_blocks(card.blocks, turn.t))
            return [*(Reply(c) for c in chunks), screens.info_menu(turn.t, prefix=turn.t(DONE))]
        return self._keep(turn, outcome.state, outcome.outputs, held.turn + int(outcome.changed))

    def _keep(self, turn: Turn, state: State, outputs: list[Output], number: int) -> list[Reply]:
        """Hold the new state (the most recent last) and show its outputs with buttons of this turn."""
        self._held[turn.person.id] = Held(state, number, turn.now)
        self._held.move_to_end(turn.person.id)
        return render(outputs, turn.t, flow_prefix(number), turn.today)
