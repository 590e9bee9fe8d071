"""Run the engine on a stored conversation: restore it, apply an event, commit, render."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs import engine
from dialogs.bilingual import Bilingual
from dialogs.engine import Event, Finished, Notice, Outcome, Output, State
from dialogs.i18n import Translator
from dialogs.present import render, render_blocks
from dialogs.reply import Button, Reply, split_text
from dialogs.results import BUILDERS
from dialogs.results.blocks import Card
from dialogs.schema import Flow
from dialogs.text import Msg, msg
from faire_lien.actions import flow_prefix, offer_action
from faire_lien.screens import main_menu
from faire_lien.staff_notes import staff_note
from storage.conversations import drop_conversation, finish_conversation, load_conversation, save_conversation
from storage.grids import add_result
from storage.models import Conversation, Person, Response

PARIS = ZoneInfo("Europe/Paris")
THANKS = msg("Merci ! Vos réponses sont enregistrées.", "flow")
FLOW_GONE = msg("Ce questionnaire n'est plus disponible. Voici le menu.", "flow")
FLOW_UPDATED = msg("Ce questionnaire a été mis à jour : nous reprenons au début.", "flow")


@dataclass
class Turn:
    """Everything one incoming event is handled with: one session, one person, one language, one time."""

    session: AsyncSession
    person: Person
    t: Translator
    now: datetime
    invitation_id: int | None = None
    """Set while a finished survey is being stored: the invitation it answers."""

    @property
    def today(self) -> date:
        """The date in France, which rules and texts use."""
        return self.now.astimezone(PARIS).date()


Finisher = Callable[[Turn, Response, dict[str, Any], int | None], Awaitable[None]]
"""Runs in the same unit of work when a flow ends: (turn, response, answers, origin response id)."""


class FlowRunner:
    """Moves a person through flows; state is written to the session before anything is shown."""

    def __init__(self, flows: dict[str, Flow], finishers: Mapping[str, Finisher] | None = None) -> None:
        self.flows = flows
        self.finishers = dict(finishers or {})

    async def active(self, turn: Turn) -> Conversation | None:
        """The person's unfinished conversation."""
        return await load_conversation(turn.session, turn.person.id)

    async def begin(
        self,
        turn: Turn,
        flow: Flow,
        current: Conversation | None,
        notices: list[Msg],
        origin: int | None = None,
        on_behalf_of: int | None = None,
        invitation: int | None = None,
        mediated: str | None = None,
    ) -> list[Reply]:
        """Start (or start again) a flow, with its introduction above the first question."""
        if mediated is None and current is not None and current.flow_id == flow.id:
            mediated = current.mediated_language
        if mediated is not None:
            turn.t = Bilingual(mediated)
        intro = [Msg(flow.intro, flow.context)] if flow.intro else []
        if current is not None and on_behalf_of is None and current.flow_id == flow.id:
            on_behalf_of = current.on_behalf_of  # "start again" keeps answering for the same person
        return await self._commit(
            turn,
            flow,
            current,
            engine.start(flow),
            [*notices, *intro],
            origin=origin,
            on_behalf_of=on_behalf_of,
            invitation=invitation,
            mediated=mediated,
        )

    async def ask(self, turn: Turn, current: Conversation, notices: list[Msg]) -> list[Reply]:
        """The current question again, after optional notices."""
        restored = await self._restore(turn, current, notices)
        if isinstance(restored, list):
            return restored
        flow, state = restored
        outputs: list[Output] = [*(Notice(n) for n in notices), engine.question(flow, state)]
        return render(outputs, turn.t, flow_prefix(turn.person.turn))

    async def apply(self, turn: Turn, current: Conversation, event: Event, *, edit: bool = False) -> list[Reply]:
        """Apply one event to the current step and commit the result."""
        restored = await self._restore(turn, current, [])
        if isinstance(restored, list):
            return restored
        flow, state = restored
        outcome = engine.advance(flow, state, event, turn.today)
        return await self._commit(turn, flow, current, outcome, [], edit=edit)

    async def stale(self, turn: Turn, current: Conversation) -> list[Reply]:
        """An old or forged button: say so and ask the current question."""
        restored = await self._restore(turn, current, [])
        if isinstance(restored, list):
            return restored
        flow, state = restored
        return render(engine.stale(flow, state).outputs, turn.t, flow_prefix(turn.person.turn))

    async def _restore(self, turn: Turn, current: Conversation, notices: list[Msg]) -> tuple[Flow, State] | list[Reply]:
        if current.mediated_language is not None:
            turn.t = Bilingual(current.mediated_language)  # the person's language with the French under it
        flow = self.flows.get(current.flow_id)
        if flow is None:
            await drop_conversation(turn.session, turn.person.id)
            return [main_menu(turn.t, prefix="\n\n".join(turn.t(m) for m in [*notices, FLOW_GONE]))]
        path = [*current.history, current.step_id]
        if flow.version != current.flow_version:
            if not all(flow.has_step(s) for s in path):
                return await self.begin(turn, flow, current, [*notices, FLOW_UPDATED])
            current.flow_version = flow.version
        state = State(
            flow.id, flow.version, current.step_id, current.answers, tuple(current.history), tuple(current.draft)
        )
        return flow, state

    async def _commit(
        self,
        turn: Turn,
        flow: Flow,
        current: Conversation | None,
        outcome: Outcome,
        notices: list[Msg],
        *,
        edit: bool = False,
        origin: int | None = None,
        on_behalf_of: int | None = None,
        invitation: int | None = None,
        mediated: str | None = None,
    ) -> list[Reply]:
        outputs: list[Output] = [*(Notice(n) for n in notices), *outcome.outputs]
        if not outcome.changed:
            return render(outputs, turn.t, flow_prefix(turn.person.turn))
        turn.person.turn += 1
        finished = next((o for o in outcome.outputs if isinstance(o, Finished)), None)
        if finished is not None:
            assert current is not None, "a flow cannot finish before its first answer is stored"
            origin = current.origin_response_id if origin is None else origin
            turn.invitation_id = current.invitation_id
            response = await finish_conversation(turn.session, current, finished.answers, turn.now)
            finisher = self.finishers.get(flow.id)
            if finisher is not None:
                await finisher(turn, response, finished.answers, origin)
            if flow.scoring is not None:
                score = flow.scoring.score(finished.answers)
                add_result(
                    turn.session,
                    response_id=response.id,
                    person_id=response.person_id,
                    grid=(flow.id, flow.version),
                    score=score,
                    orientation=flow.scoring.orientation(finished.answers, score).id,
                    mediator_id=turn.person.id if response.person_id != turn.person.id else None,
                    at=turn.now,
                )
            card = BUILDERS[flow.result](flow, finished.answers, turn.today)
            if flow.scoring is not None and response.person_id != turn.person.id:
                # A mediator answered for someone: staff see the score; offers are theirs to arrange.
                card = Card([*card.blocks, staff_note(flow, finished.answers)])
            if response.person_id != turn.person.id:
                card = card.for_staff()  # a mediator's view: the professional details too
            return [*card_replies(card, turn.t, response.id), main_menu(turn.t, prefix=turn.t(THANKS))]
        state = outcome.state
        assert state.step is not None
        await save_conversation(
            turn.session,
            turn.person.id,
            current,
            flow_id=flow.id,
            flow_version=flow.version,
            step_id=state.step,
            answers=dict(state.answers),
            history=list(state.history),
            draft=list(state.draft),
            at=turn.now,
            origin=origin,
            on_behalf_of=on_behalf_of,
            invitation=invitation,
            mediated=mediated,
        )
        return render(outputs, turn.t, flow_prefix(turn.person.turn), edit=edit)


def card_replies(card: Card, t: Translator, response_id: int) -> list[Reply]:
    """The card as one or more messages (Telegram's length limit), offer buttons under the last one."""
    chunks = split_text(render_blocks(card.blocks, t))
    buttons = tuple((Button(t(o.label), offer_action(response_id, o.kind)),) for o in card.offers)
    return [*(Reply(c) for c in chunks[:-1]), Reply(chunks[-1], buttons)]
