"""The offers under a card a mediator answered for someone, carried out for that person: a seat, a call-back,
the facilitator's meeting, the rights check.

Who may: the card's response belongs to the person the mediator was with (a person without a Telegram account,
made when the mediated questionnaire began). Only the staff member whose answers it holds (`Answer.given_by`),
and who may still run questionnaires with someone (the route's "grids" permission), can press its buttons;
anyone else's press, forged or not, reads "this button is no longer valid".

The card may be a rights check's or a grid's (EPICES, "Faire lien", frailty…), in mediated mode (both languages)
or answered with someone in the mediator's language; the offers are the same for all.

Consent: before the questionnaire the person agreed to their answers being stored (their row's consent). Each
offer asks again: "do you want to register for this session?" before a seat is taken (asked of the person in
their language, the mediator's under it; "does the person agree…?" when the mediator answered in their own
language alone), the request flows' first question (a call-back, the facilitator's meeting: each opens a case for
staff), and the storage question again before a rights check answered for them.
What was done is the person's (their registration, their request, their rights check, its answers given by the
mediator), and an audit row `act_on_behalf` names the staff member, the person, the card and what was done,
with the consent asked; no name and no answer goes into it.

In mediated mode every screen of an offer speaks to the person, as the questionnaire did ("which date suits you?",
"you are registered", "keep the date, the address and the code"): in their language, the mediator's under it.
Answered in the mediator's language alone, the screens speak of the person to the mediator.

Afterwards: the person has no chat, so nothing the bot sends later can reach them; `storage.outbox.schedule`
keeps their reminders, date confirmations and polls cancelled, and nothing goes to the mediator's chat. The
confirmation says so and shows the mediator what to hand over: the date, the place and the booking code. A full
date offers no waiting list to them (a freed seat could not be offered): the mediator picks another date. The
mediator then gets the staff menu back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from dialogs.bidi import contained, shortened
from dialogs.bilingual import BUTTON, Bilingual, fit
from dialogs.i18n import Translator
from dialogs.reply import Button, Reply
from dialogs.results.blocks import Card
from dialogs.steps.nav import BACK
from dialogs.steps.yesno import NO
from dialogs.text import Msg, msg, reference
from faire_lien import routes
from faire_lien.cases.service import add_card, already_open, withdraw_request
from faire_lien.core.contacts import Contacts
from faire_lien.core.finish import Finish
from faire_lien.core.roles import staff
from faire_lien.core.runner import FlowRunner
from faire_lien.core.screens import AGREE, STALE_BUTTON
from faire_lien.core.turn import Turn
from faire_lien.person.offers import CALLBACK_CANCELLED, CARD_ADDED, NOTHING_TO_CANCEL, about, already
from faire_lien.sessions import texts
from faire_lien.sessions.booking import settle
from faire_lien.sessions.screens import ALREADY as ALREADY_YOU
from faire_lien.sessions.screens import CONFIRMED_NOW, GONE, interest
from faire_lien.staff import mediated
from faire_lien.staff.screens import CONSENT_FOR, PERSON_AGREES
from storage.audit import record
from storage.meetings import cancel, get_meeting, register, registered_count, upcoming
from storage.models import Meeting, Registration, Response
from storage.requests import answered_for
from storage.statuses import CaseKind

Current = Callable[[Turn, list[Msg]], Awaitable[list[Reply]]]
Home = Callable[[Turn], Awaitable[list[Reply]]]

CALLBACK_FLOW = "callback_on_behalf"
"""The call-back request asked for someone present: by phone only (they have no chat)."""
FACILITATOR_FLOW = "facilitator_meeting_on_behalf"
"""The facilitator's meeting (after the "Faire lien" grid) asked for someone present: by phone only."""
REQUEST_FLOWS: dict[CaseKind, str] = {"callback": CALLBACK_FLOW, "facilitator": FACILITATOR_FLOW}
"""The offer each request flow carries out for someone present, and the audit names."""
RIGHTS_FLOW = "rights_check"
DATES_SHOWN = 8
PICK_DATE = msg("Quelle date convient à la personne ?", "mediated")
PICK_DATE_YOU = msg("Quelle date vous convient ?", "mediated")
"""Each `…_YOU` text is the one before it asked of or said to the person, in their language (mediated mode)."""
NO_DATE = msg("Aucune date n'a de place libre pour le moment.", "mediated")
ASK_REGISTER = msg("La personne accepte-t-elle d'être inscrite à cette rencontre ?", "mediated")
ASK_REGISTER_YOU = msg("Voulez-vous vous inscrire à cette rencontre ?", "mediated")
"""Asked of the person, in their language with the mediator's under it (mediated mode)."""
REGISTER_YES = msg("✅ Oui, je m'inscris", "mediated")
REGISTERED = msg("✅ La personne est inscrite.", "mediated")
REGISTERED_YOU = msg("✅ C'est noté, vous êtes inscrit·e.", "mediated")
ALREADY = msg("La personne est déjà inscrite à cette rencontre.", "mediated")
FULL = msg(
    "Cette date est complète. La personne ne pourrait pas être prévenue si une place se libérait : "
    "choisissez une autre date.",
    "mediated",
)
FULL_YOU = msg(
    "Cette date est complète. Sans Telegram, vous ne pourriez pas être prévenu·e si une place se libérait : "
    "choisissez une autre date.",
    "mediated",
)
# TRANSLATORS: {code} is a booking code of six letters and digits, such as K7MXRA.
CODE = msg("Code d'inscription à montrer à l'accueil : {code}", "mediated")
NO_MESSAGES = msg(
    "La personne n'a pas de compte Telegram : le service ne lui enverra ni rappel ni message. "
    "Donnez-lui la date, l'adresse et le code d'inscription.",
    "mediated",
)
NO_MESSAGES_YOU = msg(
    "Sans compte Telegram, vous ne recevrez ni rappel ni message du service : gardez bien la date, l'adresse et "
    "le code d'inscription.",
    "mediated",
)


class OnBehalf:
    """A mediator presses an offer of the card of the person with them: it is done for that person."""

    def __init__(self, runner: FlowRunner, current: Current, home: Home, contacts: Contacts | None = None) -> None:
        self.runner = runner
        self.current = current
        self.home = home
        self.contacts = contacts or Contacts()

    async def offer(self, turn: Turn, response_id: int, kind: str) -> list[Reply]:
        """The dates with seats, a request's questions, the request withdrawn, or consent asked for a rights check."""
        response = await answered_for(turn.session, turn.person.id, response_id)
        if response is None:
            return await self.current(turn, [STALE_BUTTON])
        if kind == "callback":
            return await self._request(turn, response, "callback")
        if kind == "facilitator":
            return await self._request(turn, response, "facilitator")
        if kind == "rights":
            return self._rights_consent(turn, response)
        if kind == "uncallback":
            return await self._uncallback(turn, response)
        return await self._dates(turn, response, "checkup" if kind == "checkup" else "session")

    async def register(self, turn: Turn, response_id: int, meeting_id: int, *, confirmed: bool) -> list[Reply]:
        """The date in detail and the person's consent asked; once given, their seat and what to hand them."""
        response = await answered_for(turn.session, turn.person.id, response_id)
        if response is None:
            return await self.current(turn, [STALE_BUTTON])
        t = seen(turn, response)
        meeting = await get_meeting(turn.session, meeting_id)
        if meeting is None or meeting.status != "scheduled" or meeting.starts_at <= turn.now:
            return [Reply(t(GONE)), *await self.home(turn)]
        if not confirmed:
            return [ask_register(t, response, meeting)]
        return await self._book(turn, t, response, meeting)

    async def _book(self, turn: Turn, t: Translator, response: Response, meeting: Meeting) -> list[Reply]:
        booking = await register(turn.session, meeting.id, response.person_id, turn.now)
        registration = booking.registration
        if booking.outcome == "closed" or registration is None:
            return [Reply(t(GONE)), *await self.home(turn)]
        if booking.outcome == "already":
            already = addressed(t, ALREADY, ALREADY_YOU)
            return [Reply(booked(meeting, registration, t, already)), *await self.home(turn)]
        if booking.outcome == "waiting":  # the last seat went meanwhile: no waiting list for someone without chat
            await cancel(turn.session, registration, turn.now)
            return [Reply(t(addressed(t, FULL, FULL_YOU))), *await self._dates(turn, response, _offer_of(meeting))]
        await self._audit(turn, response, _offer_of(meeting), meeting=meeting.id, registration=registration.id)
        settled = await settle(turn.session, meeting, registration, turn.now)
        heads = [addressed(t, REGISTERED, REGISTERED_YOU)]
        if settled == "confirmed":
            heads.append(CONFIRMED_NOW)
        elif settled == "gathering":
            heads.append(interest(await registered_count(turn.session, meeting.id), meeting.min_size or 0))
        return [Reply(booked(meeting, registration, t, *heads)), *await self.home(turn)]

    async def _dates(self, turn: Turn, response: Response, offer: str) -> list[Reply]:
        """The next dates with a free seat (sessions, or check-ups), each described in both languages."""
        t = seen(turn, response)
        found = [
            m
            for m in await upcoming(turn.session, turn.now)
            if (m.kind == "checkup") == (offer == "checkup") and m.taken < m.capacity
        ][:DATES_SHOWN]
        if not found:
            return [Reply(t(NO_DATE)), *await self.home(turn)]
        lines = [t(addressed(t, PICK_DATE, PICK_DATE_YOU))]
        rows: list[tuple[Button, ...]] = []
        for number, meeting in enumerate(found, start=1):
            shown = t.format(number)  # in the person's digits: "۱." in Persian
            lines.append(f"\n{shown}. {summary(meeting, t)}")
            label = f"{shown}. {texts.short_when(meeting, t)} · {meeting.place}"
            rows.append((routes.ON_BEHALF_REGISTER.button(_cut(label), response.id, meeting.id, "ask"),))
        rows.append((routes.STAFF_HOME.button(t(BACK)),))
        return [fit(Reply("\n".join(lines), tuple(rows)), t)]

    async def rights(self, turn: Turn, response_id: int) -> list[Reply]:
        """The rights check in the card's language(s), answered for the same person now that they agreed."""
        response = await answered_for(turn.session, turn.person.id, response_id)
        flow = self.runner.flows.get(RIGHTS_FLOW)
        if response is None or flow is None:
            return await self.current(turn, [STALE_BUTTON])
        if await self.runner.active(turn) is not None:  # the mediator is in the middle of a questionnaire: show where
            return await self.current(turn, [])
        await self._audit(turn, response, "rights")
        return await self.runner.begin(
            turn, flow, None, [], on_behalf_of=response.person_id, mediated=response.mediated_language
        )

    def _rights_consent(self, turn: Turn, response: Response) -> list[Reply]:
        """The storage question again, read out in both languages, before the person's rights check."""
        t = seen(turn, response)
        if isinstance(t, Bilingual):  # the person reads it in their language: asked of them, as on their own
            return [mediated.asked(t, routes.ON_BEHALF_RIGHTS.button(t(AGREE), response.id))]
        rows = (
            (routes.ON_BEHALF_RIGHTS.button(t(PERSON_AGREES), response.id),),
            (routes.STAFF_HOME.button(t(NO)),),
        )
        return [Reply(t(CONSENT_FOR), rows)]

    async def _request(self, turn: Turn, response: Response, kind: CaseKind) -> list[Reply]:
        """A request's questions (a call-back, the facilitator's meeting) answered for the person; with one of that
        kind already open for them (under any of their cards), its number and promised time instead; this card's
        answers are added to it first (once, audited), as when the person presses it."""
        found = await already_open(turn.session, response.person_id, kind)
        if found is not None:
            t = seen(turn, response)
            said = await already(turn.session, found, self.contacts)
            if await add_card(turn.session, found, response.id, turn.now):
                said[0] = CARD_ADDED.bind(number=reference(found.id))
                await self._audit(turn, response, kind, request=found.id)
            return [Reply("\n\n".join(t(m) for m in said)), *await self.home(turn)]
        flow_id = REQUEST_FLOWS[kind]
        flow = self.runner.flows.get(flow_id)
        if flow is None:
            return await self.current(turn, [STALE_BUTTON])
        active = await self.runner.active(turn)
        if active is not None:  # the mediator is in the middle of a questionnaire: show where
            return await self.current(turn, [])
        notices = about(self.runner.flows, response) if flow_id == CALLBACK_FLOW else []
        return await self.runner.begin(
            turn, flow, None, notices, origin=response.id, on_behalf_of=response.person_id,
            mediated=response.mediated_language,
        )  # fmt: skip

    async def _uncallback(self, turn: Turn, response: Response) -> list[Reply]:
        """The person's call-back request withdrawn."""
        cancelled = await withdraw_request(turn.session, response.person_id, response.id, turn.now)
        if cancelled:
            await self._audit(turn, response, "uncallback")
        said = seen(turn, response)(CALLBACK_CANCELLED if cancelled else NOTHING_TO_CANCEL)
        return [Reply(said), *await self.home(turn)]

    async def _audit(self, turn: Turn, response: Response, offer: str, **detail: int) -> None:
        await audited(turn, response.person_id, offer, response=response.id, **detail)


async def audited(turn: Turn, person_id: int, offer: str, **detail: int) -> None:
    """The audit row of something staff did for someone with their consent (who, for whom, what; no names)."""
    who = await staff(turn)
    actor = who.label if who is not None else f"telegram:{turn.person.telegram_id}"
    record(
        turn.session,
        actor=actor,
        action="act_on_behalf",
        at=turn.now,
        person_id=person_id,
        detail={"offer": offer, "consent": "asked", **detail},
    )


async def record_request(turn: Turn, finish: Finish, card: Card) -> Card:
    """Finisher of a request asked for someone: the audit row, once the person agreed to be called."""
    if finish.answers.get("agree") is True and finish.response.person_id != turn.person.id:
        offer = next(kind for kind, flow_id in REQUEST_FLOWS.items() if flow_id == finish.flow.id)
        origin = finish.origin or 0
        await audited(turn, finish.response.person_id, offer, response=origin, request=finish.response.id)
    return card


def ask_register(t: Translator, response: Response, meeting: Meeting) -> Reply:
    """The date in detail and the seat offered: to the person in their language (mediated), else to the mediator."""
    rows = (
        (
            routes.ON_BEHALF_REGISTER.button(
                t(addressed(t, PERSON_AGREES, REGISTER_YES)), response.id, meeting.id, "yes"
            ),
        ),
        (routes.STAFF_HOME.button(t(NO)),),
    )
    return fit(Reply(f"{details(meeting, t)}\n\n{t(addressed(t, ASK_REGISTER, ASK_REGISTER_YOU))}", rows), t)


def addressed(t: Translator, about: Msg, to_them: Msg) -> Msg:
    """`to_them` when the person reads it in their language (mediated mode: the mediator's under it), else `about`
    (the mediator alone reads it, in their language)."""
    return to_them if isinstance(t, Bilingual) else about


def seen(turn: Turn, response: Response) -> Translator:
    """The language(s) the card was shown in: the person's with the staff member's, or the staff member's alone.

    In mediated mode the person reads the offer's screens, as they read the questionnaire: the administrative words
    they meet there (« AME », « PASS ») are explained to them, in both languages, once.
    """
    if response.mediated_language is None:
        return turn.t
    turn.reader = (response.person_id, response.mediated_language)
    return Bilingual.over(turn.t, response.mediated_language)


def summary(meeting: Meeting, t: Translator) -> str:
    """A date in a list: kind and title, when (in both languages), where, seats left."""
    lines = [f"📅 {t(texts.kind_name(meeting.kind))} — {contained(texts.title(meeting, t))}", *when(meeting, t)]
    lines.append(t(msg("📍 {place}, {address}", "meeting", place=meeting.place, address=meeting.address)))
    lines.append(f"👥 {texts.seats(meeting, t)}")
    return "\n".join(lines)


def details(meeting: Meeting, t: Translator) -> str:
    """The whole date as a person reads it, the staff member's reading of the day and time under the person's."""
    lines = texts.details(meeting, t).split("\n")  # the kind and title, then the day and time, then the rest
    return "\n".join([lines[0], *when(meeting, t), *lines[2:]])


def when(meeting: Meeting, t: Translator) -> list[str]:
    """The day and time in the person's words, then in the staff member's when they differ."""
    theirs = texts.when(meeting, t)
    if not isinstance(t, Bilingual):
        return [theirs]
    ours = texts.when(meeting, t.staff)
    return [theirs] if ours == theirs else [theirs, f"{t.mark} {ours}"]


def booked(meeting: Meeting, registration: Registration, t: Translator, *heads: Msg) -> str:
    """The registration for the mediator to hand over: what happened, the date, the booking code, no messages."""
    parts = [*(t(h) for h in heads), details(meeting, t)]
    if registration.code:
        parts.append(t(CODE.bind(code=registration.code)))
    parts.append(t(addressed(t, NO_MESSAGES, NO_MESSAGES_YOU)))
    return "\n\n".join(parts)


def _offer_of(meeting: Meeting) -> str:
    return "checkup" if meeting.kind == "checkup" else "session"


def _cut(label: str) -> str:
    """A date's button label within what a phone shows."""
    return shortened(label, BUTTON)
