"""The buttons under a result card: a call-back request, a renewal reminder, sessions and check-ups."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, time

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.reply import Reply
from dialogs.results.blocks import Block, Card, OfferButton
from dialogs.results.callback import FACILITATOR_FLOWS
from dialogs.rights import evaluate
from dialogs.rights.answers import household
from dialogs.rights.bodies import BODIES
from dialogs.rights.renewal import NAMES as COVER_NAMES
from dialogs.schema import Flow
from dialogs.text import Day, Msg, msg, reference
from faire_lien import routes
from faire_lien.cases.person import FOLLOW
from faire_lien.cases.policy import CasePolicy, no_promise
from faire_lien.cases.service import add_card, already_open, nobody_told, open_case, withdraw_request
from faire_lien.core.contacts import Contacts
from faire_lien.core.finish import Finish, Finisher
from faire_lien.core.runner import FlowRunner
from faire_lien.core.screens import STALE_BUTTON as STALE
from faire_lien.core.screens import main_menu, unfinished
from faire_lien.core.turn import Turn
from faire_lien.sessions.screens import MeetingScreens
from storage.models import Case, Response
from storage.outbox import cancel, schedule
from storage.people import get_person
from storage.requests import load_response, response_answers
from storage.statuses import CaseKind
from storage.types import PARIS

Current = Callable[[Turn, list[Msg]], Awaitable[list[Reply]]]

REMINDER_SET = msg("⏰ C'est noté : je vous enverrai un rappel le {day} pour renouveler {cover}.", "offer")
REMINDER_CANCELLED = msg("Le rappel est annulé.", "offer")
NO_REMINDER = msg("Il n'y a pas de rappel de renouvellement à prévoir pour ce bilan.", "offer")
CANCEL_REMINDER = msg("Annuler ce rappel", "offer")
REMINDER_HOUR = time(9, 0)
# TRANSLATORS: button under « no check-up date published yet »: at most 40 characters, what a phone shows.
ASK_SOMEONE = msg("📞 Parler à un travailleur social", "offer")


ALREADY_SENT = msg(
    "📨 Votre demande de contact n° {number} est déjà envoyée à l'équipe : réponse promise d'ici le {due}.", "offer"
)
ALREADY_KEPT = msg("📨 Votre demande de contact n° {number} est déjà enregistrée.", "offer")
"""The same when nobody in the team would hear of it: no time promised, whom to phone instead."""

CARD_ADDED = msg(
    "📨 Vos résultats sont ajoutés à votre demande de contact n° {number}, que vous aviez déjà faite : "
    "la personne de l'équipe qui la lira verra aussi les réponses de ce bilan.",
    "offer",
)
"""A card's 📞 pressed while a request is open: its answers joined it (said once: pressed again, « déjà envoyée »)."""

CANCEL_CALLBACK = msg("❌ Annuler ma demande", "offer")
ABOUT = msg(
    "📞 Demande de contact après « {title} » : ce sont ces réponses qu'un travailleur social pourra lire.", "offer"
)
CALLBACK_CANCELLED = msg("Votre demande de contact est annulée : personne ne vous appellera pour celle-ci.", "offer")
NOTHING_TO_CANCEL = msg("Il n'y a plus de demande de contact à annuler pour ce bilan.", "offer")


def callback_finisher(policy: CasePolicy, contacts: Contacts) -> Finisher:
    """Finisher of the call-back flows: a request kept for staff when the person agreed, with the promised
    time frame (or, when nobody in the team would hear of it, whom to phone) and a button to withdraw it;
    a refusal stores none."""

    async def store_callback(turn: Turn, finish: Finish, card: Card) -> Card:
        if finish.answers.get("agree") is not True:
            return card
        # The request is the response's owner's: the person, or the one a mediator asked for (on_behalf.py).
        owner = (
            turn.person
            if finish.response.person_id == turn.person.id
            else await get_person(turn.session, finish.response.person_id)
        )
        if owner is None:
            return card
        kind: CaseKind = "facilitator" if finish.flow.id in FACILITATOR_FLOWS else "callback"
        found = await already_open(turn.session, owner.id, kind)
        if found is not None:  # one open request of a kind per person: the one already with the team
            said: list[Block] = [*await already(turn.session, found, contacts)]
            return Card([*said, FOLLOW] if owner is turn.person else said, ())
        await open_case(
            turn.session, owner, kind, turn.now, policy, response_id=finish.response.id,
            origin_response_id=finish.origin,
        )  # fmt: skip
        if await nobody_told(turn.session, kind):  # not "a social worker will write to you": whom to phone instead
            return Card(
                [*card.blocks[:1], *no_promise(contacts)], (*card.offers, OfferButton("uncallback", CANCEL_CALLBACK))
            )
        return Card([*card.blocks, policy.answer.promise()], (*card.offers, OfferButton("uncallback", CANCEL_CALLBACK)))

    return store_callback


class Offers:
    """Carries out an offer pressed under a result card, for the person who received that card."""

    def __init__(
        self, runner: FlowRunner, current: Current, meetings: MeetingScreens, contacts: Contacts | None = None
    ) -> None:
        self.runner = runner
        self.current = current
        self.meetings = meetings
        self.contacts = contacts or Contacts()

    async def handle(self, turn: Turn, response_id: int, kind: str) -> list[Reply]:
        """The reply to one offer button."""
        response = await load_response(turn.session, turn.person.id, response_id)
        if response is None:
            return await self.current(turn, [STALE])
        if kind == "session":
            return await self.meetings.kinds(turn)
        if kind == "checkup":  # no date yet: the other sessions, or a call-back to book it with someone
            ask = routes.OFFER.button(turn.t(ASK_SOMEONE), response.id, "callback")
            return await self.meetings.list_kind(turn, "checkup", ask=ask)
        if kind == "callback":
            return await self._request(turn, response, "callback")
        if kind == "facilitator":
            return await self._request(turn, response, "facilitator")
        if kind == "rights":
            return await self._start(turn, "rights_check", None)
        if kind == "renewal":
            return await self._renewal(turn, response)
        if kind == "uncallback":
            cancelled = await withdraw_request(turn.session, turn.person.id, response.id, turn.now)
            return [main_menu(turn.t, prefix=turn.t(CALLBACK_CANCELLED if cancelled else NOTHING_TO_CANCEL))]
        return await self._cancel_renewal(turn, response)

    async def talk(self, turn: Turn) -> list[Reply]:
        """« 📞 Parler à un travailleur social » from the main menu: the call-back questions without a result card."""
        return await self._unless_open(turn, "callback", "callback", None)

    async def _request(self, turn: Turn, response: Response, kind: CaseKind) -> list[Reply]:
        """The call-back (or the facilitator's meeting) questions asked under a result card."""
        if kind == "facilitator":
            return await self._unless_open(turn, kind, "facilitator_meeting", response.id)
        return await self._unless_open(turn, kind, "callback", response.id, about(self.runner.flows, response))

    async def _unless_open(
        self,
        turn: Turn,
        kind: CaseKind,
        flow_id: str,
        origin: int | None,
        notices: list[Msg] | None = None,
        *,
        replace: str | None = None,
    ) -> list[Reply]:
        """The request's questions; with a request of that kind already open (under any card, or from the menu), its
        number and promised time instead, as for a second « Demander à une personne »; pressed under a card, that
        card's answers are added to the open request first (once), so that the team reads them there."""
        found = await already_open(turn.session, turn.person.id, kind)
        if found is not None:
            said = [*await already(turn.session, found, self.contacts), FOLLOW]
            if origin is not None and await add_card(turn.session, found, origin, turn.now):
                said[0] = CARD_ADDED.bind(number=reference(found.id))
            return [main_menu(turn.t, prefix="\n\n".join(turn.t(m) for m in said))]
        return await self._start(turn, flow_id, origin, notices, replace=replace)

    async def _start(
        self,
        turn: Turn,
        flow_id: str,
        origin: int | None,
        notices: list[Msg] | None = None,
        *,
        replace: str | None = None,
    ) -> list[Reply]:
        """Start a follow-up flow; with another questionnaire in progress, ask first: resume it, or start this one
        in its place (its answers erased, as the question says) — `replace`: the questionnaire the person chose to set
        aside; another one in progress by now is asked about again, never erased unasked."""
        flow = self.runner.flows.get(flow_id)
        if flow is None:
            return await self.current(turn, [STALE])
        active = await self.runner.active(turn)
        if active is not None and active.flow_id != flow.id and routes.set_aside(active) != replace:
            set_aside = routes.set_aside(active)
            start = lambda label: routes.OFFER_OVER.button(label, flow.id, origin or 0, set_aside)  # noqa: E731
            return [unfinished(turn.t, self.runner.flows.get(active.flow_id), active, flow, start)]
        return await self.runner.begin(turn, flow, active, notices or [], origin=origin)

    async def over(self, turn: Turn, flow_id: str, origin: int | None, *, set_aside: str) -> list[Reply]:
        """« Commencer » pressed on the question above: the request's questions (or a new rights check) in place of
        the questionnaire `set_aside` (another one in progress by now: asked again); a request of that kind opened
        meanwhile is said instead, as always."""
        response = None if origin is None else await load_response(turn.session, turn.person.id, origin)
        if origin is not None and response is None:
            return await self.current(turn, [STALE])
        if flow_id == "rights_check":
            return await self._start(turn, flow_id, None, replace=set_aside)
        kind: CaseKind = "facilitator" if flow_id in FACILITATOR_FLOWS else "callback"
        notices = about(self.runner.flows, response) if response is not None and kind == "callback" else None
        return await self._unless_open(turn, kind, flow_id, origin, notices, replace=set_aside)

    async def _renewal(self, turn: Turn, response: Response) -> list[Reply]:
        h = household(await response_answers(turn.session, response.id))
        outcome = evaluate(h, response.completed_at.astimezone(PARIS).date()).get("renewal")
        if outcome is None or outcome.due is None or "renewal" not in outcome.offers or h.cover_end is None:
            return [main_menu(turn.t, prefix=turn.t(NO_REMINDER))]
        due = datetime.combine(outcome.due, REMINDER_HOUR, tzinfo=PARIS)
        payload = {"cover": h.cover, "end": h.cover_end.isoformat()}
        if h.territory in BODIES:  # the reminder names the same caisse as the card (not the CPAM)
            payload["territory"] = h.territory
        await schedule(
            turn.session,
            turn.person.id,
            kind="renewal_reminder",
            due_at=due,
            payload=payload,
            key=_renewal_key(turn, response),
            now=turn.now,
        )
        text = turn.t(REMINDER_SET.bind(day=outcome.due, cover=COVER_NAMES[h.cover]))
        button = routes.OFFER.button(turn.t(CANCEL_REMINDER), response.id, "norenewal")
        return [Reply(text, ((button,),)), main_menu(turn.t)]

    async def _cancel_renewal(self, turn: Turn, response: Response) -> list[Reply]:
        cancelled = await cancel(turn.session, turn.person.id, _renewal_key(turn, response))
        return [main_menu(turn.t, prefix=turn.t(REMINDER_CANCELLED if cancelled else STALE))]


async def already(session: AsyncSession, case: Case, contacts: Contacts) -> list[Msg]:
    """ "Your request n° 1 is already with the team: answer promised by Wed 25 November", the same day's wording
    for the person and for a mediator asking for them (when nobody in the team would hear of it: kept, and whom to
    phone)."""
    if await nobody_told(session, case.kind):
        return [ALREADY_KEPT.bind(number=reference(case.id)), *no_promise(contacts)[1:]]
    return [ALREADY_SENT.bind(number=reference(case.id), due=Day(case.due_at.astimezone(PARIS).date()))]


def about(flows: Mapping[str, Flow], response: Response) -> list[Msg]:
    """Above the call-back question: the questionnaire (a rights check, a grid) whose answers a social worker reads."""
    origin = flows.get(response.flow_id)
    return [] if origin is None else [ABOUT.bind(title=Msg(origin.title, origin.context))]


def _renewal_key(turn: Turn, response: Response) -> str:
    return f"renewal:{turn.person.id}:{response.id}"
