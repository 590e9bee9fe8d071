"""Run the engine on a stored conversation: restore it, apply an event, commit, render."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from dialogs import engine
from dialogs.bilingual import Bilingual, fit_rows
from dialogs.engine import Event, Finished, Notice, Outcome, Output, State
from dialogs.i18n import Translator
from dialogs.present import render, render_blocks
from dialogs.reply import Reply, split_text
from dialogs.results import BUILDERS
from dialogs.results.blocks import Card
from dialogs.schema import AnswerValue, Flow
from dialogs.steps import kind_of
from dialogs.steps.base import Refused
from dialogs.text import Msg, msg
from faire_lien.core.finish import Finish, Finishers, helps_individually
from faire_lien.core.screens import main_menu
from faire_lien.core.turn import Turn
from faire_lien.routes import OFFER, ON_BEHALF_KINDS, ON_BEHALF_OFFER, flow_prefix
from storage.conversations import drop_conversation, finish_conversation, load_conversation, save_conversation
from storage.models import Conversation
from storage.people import advance_turn

FLOW_GONE = msg("Ce questionnaire n'est plus disponible. Voici le menu.", "flow")
FLOW_UPDATED = msg("Ce questionnaire a été mis à jour : nous reprenons au début.", "flow")


def rescored(flow: Flow, current: Conversation) -> bool:
    """Whether answers given under another version of a grid would be scored with this version's options and points.

    Only one version of a grid is loaded (its YAML file), so the version the person started with is gone: rather
    than a score mixing two versions, the grid starts again, saying so (« Ce questionnaire a été mis à jour… »),
    with none of the earlier answers kept. Other flows keep their answers while their steps remain.
    """
    return flow.scoring is not None and bool(current.answers)


def edited_in_place(flow: Flow, current: Conversation) -> bool:
    """Whether a grid's definition changed under answers in progress though its version did not (its YAML edited
    without a version bump): they would be scored with options or points the person never saw, so it starts again as
    for a new version. A conversation stored before fingerprints were kept (None), or with the older fingerprint that
    counted wordings too, goes on when that one still matches."""
    known = current.flow_fingerprint
    unchanged = known in (flow.fingerprint, flow.wording_fingerprint)
    return known is not None and not unchanged and rescored(flow, current)


class FlowRunner:
    """Moves a person through flows; state is written to the session before anything is shown."""

    def __init__(self, flows: dict[str, Flow], finishers: Finishers | None = None) -> None:
        self.flows = flows
        self.finishers = finishers or Finishers()

    async def active(self, turn: Turn) -> Conversation | None:
        """The person's unfinished conversation."""
        return await load_conversation(turn.session, turn.person.id)

    def awaits_typing(self, current: Conversation) -> bool:
        """Whether the question in progress is answered by typing (a year, an amount, a phone number…)."""
        flow = self.flows.get(current.flow_id)
        return flow is not None and flow.has_step(current.step_id) and kind_of(flow.step(current.step_id)).typed

    def answered_by(self, turn: Turn, current: Conversation, text: str) -> bool:
        """Whether this typed text answers the question in progress: any text for a typed question, and on a buttons
        question a text it reads as one of its buttons (« 8 » on a 0–10 scale)."""
        flow = self.flows.get(current.flow_id)
        if flow is None or not flow.has_step(current.step_id):
            return False
        step = flow.step(current.step_id)
        kind = kind_of(step)
        if kind.typed:
            return True
        return not isinstance(kind.parse(step, text, turn.today, flow.context, turn.t.locale), Refused)

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
            turn = replace(turn, t=Bilingual.over(turn.t, mediated))
        intro = [Msg(flow.intro, flow.context)] if flow.intro else []
        if current is not None and on_behalf_of is None and current.flow_id == flow.id:
            on_behalf_of = current.on_behalf_of  # "start again" keeps answering for the same person
        started = await self._commit(
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
        return started.replies

    async def ask(self, turn: Turn, current: Conversation, notices: list[Msg]) -> list[Reply]:
        """The current question again, after optional notices."""
        turn = as_seen(turn, current)
        restored = await self._restore(turn, current, notices)
        if isinstance(restored, list):
            return restored
        flow, state = restored
        outputs: list[Output] = [*(Notice(n) for n in notices), engine.question(flow, state)]
        return render(outputs, turn.t, flow_prefix(turn.person.turn), turn.today)

    async def apply(self, turn: Turn, current: Conversation, event: Event, *, edit: bool = False) -> Progress:
        """Apply one event to the current step and commit the result."""
        turn = as_seen(turn, current)
        restored = await self._restore(turn, current, [])
        if isinstance(restored, list):
            return Progress(restored, turn.t)
        flow, state = restored
        outcome = engine.advance(flow, state, event, turn.today, turn.t.locale)
        return await self._commit(turn, flow, current, outcome, [], edit=edit)

    async def stale(self, turn: Turn, current: Conversation) -> list[Reply]:
        """An old or forged button: say so and ask the current question."""
        turn = as_seen(turn, current)
        restored = await self._restore(turn, current, [])
        if isinstance(restored, list):
            return restored
        flow, state = restored
        return render(engine.stale(flow, state).outputs, turn.t, flow_prefix(turn.person.turn), turn.today)

    async def outdated(self, turn: Turn, current: Conversation) -> list[Reply]:
        """An option pressed on a keyboard an older version of the flow drew: refused, the question shown anew.

        Option buttons carry positions (`o3`, `t4`), and a new version may have put another option there (version 7
        of the rights check put « Stage payé fini… » where « Non, personne » was). The turn moves on, so the old
        keyboard stays refused once the conversation is on the new version.
        """
        turn = as_seen(turn, current)
        restored = await self._restore(turn, current, [])
        if isinstance(restored, list):
            return restored
        flow, state = restored
        await advance_turn(turn.session, turn.person)
        return render(engine.stale(flow, state).outputs, turn.t, flow_prefix(turn.person.turn), turn.today)

    async def _restore(self, turn: Turn, current: Conversation, notices: list[Msg]) -> tuple[Flow, State] | list[Reply]:
        flow = self.flows.get(current.flow_id)
        if flow is None:
            await drop_conversation(turn.session, turn.person.id)
            return [main_menu(turn.t, prefix="\n\n".join(turn.t(m) for m in [*notices, FLOW_GONE]))]
        path = [*current.history, current.step_id]
        if flow.version != current.flow_version:
            if not all(flow.has_step(s) for s in path) or rescored(flow, current):
                return await self.begin(turn, flow, current, [*notices, FLOW_UPDATED])
            current.flow_version = flow.version
        elif edited_in_place(flow, current):
            return await self.begin(turn, flow, current, [*notices, FLOW_UPDATED])
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
    ) -> Progress:
        outputs: list[Output] = [*(Notice(n) for n in notices), *outcome.outputs]
        if not outcome.changed:
            return Progress(render(outputs, turn.t, flow_prefix(turn.person.turn), turn.today), turn.t)
        await advance_turn(turn.session, turn.person)
        finished = next((o for o in outcome.outputs if isinstance(o, Finished)), None)
        if finished is not None:
            assert current is not None, "a flow cannot finish before its first answer is stored"
            return Progress(await self._finish(turn, flow, current, finished.answers, origin), turn.t, ended=True)
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
            fingerprint=flow.fingerprint,
            origin=origin,
            on_behalf_of=on_behalf_of,
            invitation=invitation,
            mediated=mediated,
        )
        return Progress(render(outputs, turn.t, flow_prefix(turn.person.turn), turn.today, edit=edit), turn.t)

    async def _finish(
        self, turn: Turn, flow: Flow, current: Conversation, answers: dict[str, AnswerValue], origin: int | None
    ) -> list[Reply]:
        """Store the response, let the registered finishers act on it, and show the result card."""
        response = await finish_conversation(turn.session, current, answers, turn.now, helped=helps_individually(flow))
        finish = Finish(
            flow=flow,
            response=response,
            answers=answers,
            origin=current.origin_response_id if origin is None else origin,
            invitation=current.invitation_id,
            card=BUILDERS[flow.result](flow, answers, turn.today),
        )
        card = await self.finishers.run(turn, finish)
        if response.person_id != turn.person.id:  # a mediator's view: the professional details too
            return card_replies(card.for_staff(), turn.t, response.id, on_behalf=True)
        return card_replies(card, turn.t, response.id)


@dataclass(frozen=True)
class Progress:
    """What one answer leads to: the messages, the language they are in, and whether the flow just ended."""

    replies: list[Reply]
    t: Translator
    ended: bool = False


def for_someone_else(turn: Turn, current: Conversation | None) -> bool:
    """Whether this questionnaire is answered by a staff member for someone present (mediated, or a grid for them)."""
    return current is not None and current.on_behalf_of is not None and current.on_behalf_of != turn.person.id


def staff_questionnaire(flows: Mapping[str, Flow], current: Conversation | None) -> bool:
    """Whether this questionnaire is staff work (publishing a session): its help is not a person's request."""
    flow = flows.get(current.flow_id) if current is not None else None
    return flow is not None and flow.category == "staff"


def as_seen(turn: Turn, current: Conversation) -> Turn:
    """The turn as the conversation is shown: a mediated one in the person's language with the French under it."""
    if current.mediated_language is None:
        return turn
    return replace(turn, t=Bilingual.over(turn.t, current.mediated_language))


def card_replies(card: Card, t: Translator, response_id: int, *, on_behalf: bool = False) -> list[Reply]:
    """The card as one or more messages (Telegram's length limit), offer buttons under the last one.

    A card a mediator answered for someone (`on_behalf`) keeps the offers staff carry out for that person
    (`faire_lien/staff/on_behalf.py`); its bilingual buttons fit a phone, with their full wording in the text.
    """
    route = ON_BEHALF_OFFER if on_behalf else OFFER
    offers = [o for o in card.offers if not on_behalf or o.kind in ON_BEHALF_KINDS]
    buttons, full = fit_rows(tuple((route.button(t(o.label), response_id, o.kind),) for o in offers), t)
    text = render_blocks(card.blocks, t)
    chunks = split_text(f"{text}\n\n{full}" if full else text)
    return [*(Reply(c) for c in chunks[:-1]), Reply(chunks[-1], buttons)]
