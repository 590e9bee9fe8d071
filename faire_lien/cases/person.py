"""The person's side of a case: ask a person, talk with them through the bot, follow or cancel a request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from dialogs.reply import Button, Reply
from dialogs.text import Msg, msg, reference
from faire_lien import routes
from faire_lien.cases import service
from faire_lien.cases.limits import too_long
from faire_lien.cases.notify import reached_person
from faire_lien.cases.policy import NOBODY_YET, CasePolicy, no_promise
from faire_lien.cases.texts import CONTINUE, LEAVE, kind_name, known_as, too_long_refusal, when
from faire_lien.core.contacts import Contacts
from faire_lien.core.runner import FlowRunner, for_someone_else, staff_questionnaire
from faire_lien.core.screens import MENU_BUTTON, STALE_BUTTON, main_menu
from faire_lien.core.turn import Turn
from storage import cases as store
from storage.models import Case
from storage.people import may_have_open_case
from storage.statuses import CaseStatus
from storage.types import PARIS

Current = Callable[[Turn, list[Msg]], Awaitable[list[Reply]]]

ASK = msg(
    "🙋 Une personne de l'équipe (travailleur·se social·e ou médiateur·rice) peut vous écrire ici pour vous aider.\n\n"
    "Elle verra seulement votre langue et la question où vous en êtes, pas vos réponses. "
    "Vous pourrez lui écrire ici, et annuler la demande quand vous voulez dans « 📨 Mes demandes ».\n\n"
    "Voulez-vous demander l'aide d'une personne ?",
    "case",
)
ASK_YES = msg("✅ Oui, demander à une personne", "case")
ASK_NO = msg("◀ Non, revenir à la question", "case")
ASKED = msg("📨 C'est noté : votre demande n° {number} est envoyée à l'équipe.", "case")
ALREADY = msg("📨 Votre demande n° {number} est déjà envoyée à l'équipe : on vous répondra ici.", "case")
FOLLOW = msg("Vous pouvez la suivre ou l'annuler dans « 📨 Mes demandes ».", "case")
MEANWHILE = msg("En attendant, voici la question :", "case")

SENT = msg(
    "✉️ Transmis à {name}. Vous parlez avec une personne de l'équipe, pas avec un robot : "
    "elle vous répondra ici dès que possible.",
    "case",
)
SENT_TO_TEAM = msg(
    "✉️ Transmis. Vous parlez avec une personne de l'équipe, pas avec un robot : "
    "elle vous répondra ici dès que possible.",
    "case",
)
ADDED = msg(
    "✉️ Transmis à l'équipe avec votre demande n° {number} : la personne qui la prendra lira votre message "
    "et vous répondra ici.",
    "case",
)
WRITE_TEAM = msg("✍️ Écrire à l'équipe", "case")
WRITE_NOW = msg(
    "✍️ Écrivez maintenant votre message pour l'équipe (demande n° {number}) : il lui sera transmis.", "case"
)
TYPED_QUESTION = msg(
    "Ce que vous écrirez ensuite répondra à la question. Pour écrire à l'équipe, appuyez d'abord sur "
    "« ✍️ Écrire à l'équipe ».",
    "case",
)
LEFT = msg(
    "Vous êtes revenu·e au bot. Votre demande reste ouverte : si la personne de l'équipe vous écrit, "
    "vous recevrez son message ici.",
    "case",
)

EDIT_NOT_PASSED = msg(
    "✏️ Votre modification n'a pas été transmise : l'équipe ne voit que votre message d'origine. "
    "Pour corriger, envoyez un nouveau message.",
    "case",
)
MEDIA_NOT_PASSED = msg(
    "Je ne peux transmettre que du texte : les photos, fichiers, messages vocaux, vidéos, autocollants, positions "
    "ou contacts n'arrivent pas à l'équipe. Écrivez votre message.",
    "case",
)

AFTER_CLOSING = timedelta(days=7)
"""How long after a conversation closed the person's first typed message is answered "closed" (then: the bot's)."""
NOT_PASSED_ON = msg(
    "Votre conversation avec {name} est close (demande n° {number}) : votre message ne lui a pas été transmis, "
    "et personne ne le lira.\n\nSi vous avez encore besoin d'aide, demandez à nouveau à une personne.",
    "case",
)
NOT_PASSED_ON_TEAM = msg(
    "Votre conversation avec l'équipe est close (demande n° {number}) : votre message n'a pas été transmis, "
    "et personne ne le lira.\n\nSi vous avez encore besoin d'aide, demandez à nouveau à une personne.",
    "case",
)
ASK_AGAIN = msg("🙋 Demander à nouveau à une personne", "case")

NONE = msg("Vous n'avez aucune demande en cours.", "case")
MINE = msg("📨 Vos demandes à l'équipe :", "case")
LINE = msg("n° {number} · {kind} · envoyée le {at}\n{state}", "case")
STATES = {
    "new": msg("⏳ Reçue ; réponse promise d'ici le {due}.", "case"),
    "claimed": msg("👤 Prise en charge par {name} ; réponse promise d'ici le {due}.", "case"),
    "waiting": msg("💬 Message reçu de {name} : répondez ici, dans la conversation.", "case"),
}
UNNAMED_STATES = {
    "new": STATES["new"],
    "claimed": msg("👤 Une personne de l'équipe s'en occupe ; réponse promise d'ici le {due}.", "case"),
    "waiting": msg("💬 Message reçu de l'équipe : répondez ici, dans la conversation.", "case"),
}
"""The same, when the staff member set no display name: the person is never shown a number."""
CLOSED = msg("✅ Close.", "case")
WITHDRAWN = msg("↩️ Annulée par vous.", "case")
CANCEL = msg("❌ Annuler la demande n° {number}", "case")
CANCEL_ASK = msg("Annuler votre demande n° {number} ({kind}) ? Personne ne vous contactera plus pour celle-ci.", "case")
CANCEL_YES = msg("❌ Oui, annuler", "case")
CANCEL_NO = msg("◀ Non, la garder", "case")
CANCELLED = msg("Votre demande n° {number} est annulée.", "case")


class PersonCases:
    """What a person does with their requests to the team, in the bot."""

    def __init__(self, runner: FlowRunner, current: Current, policy: CasePolicy, contacts: Contacts) -> None:
        self.runner = runner
        self.current = current
        self.policy = policy
        self.contacts = contacts

    async def ask(self, turn: Turn, *, confirmed: bool) -> list[Reply]:
        """ "Ask a person" from a question: first what the team will see, then the request, then the question.

        Not while a staff member answers for someone present, nor in a staff questionnaire: the request would be the
        staff member's (the button is not shown).
        """
        active = await self.runner.active(turn)
        if for_someone_else(turn, active) or staff_questionnaire(self.runner.flows, active):
            return await self.current(turn, [STALE_BUTTON])
        open_help = await service.already_open(turn.session, turn.person.id, "help")
        if open_help is not None:
            return await self._back(turn, [ALREADY.bind(number=reference(open_help.id)), FOLLOW])
        if not confirmed:
            rows = ((routes.ASK_PERSON.button(turn.t(ASK_YES), "yes"),), (routes.RESUME.button(turn.t(ASK_NO)),))
            return [Reply(turn.t(ASK), rows)]
        context = {} if active is None else {"flow": active.flow_id, "step": active.step_id}
        case = await service.open_case(turn.session, turn.person, "help", turn.now, self.policy, context=context)
        if await service.nobody_told(turn.session, "help"):
            said = [ASKED.bind(number=reference(case.id)), *no_promise(self.contacts), FOLLOW]
        else:
            said = [ASKED.bind(number=reference(case.id)), self.policy.answer.promise(), FOLLOW]
        if active is not None and self.runner.awaits_typing(active):  # typed text is the question's: a button
            write = ((routes.WRITE_TEAM.button(turn.t(WRITE_TEAM), case.id),),)
            text = "\n\n".join(turn.t(m) for m in [*said, TYPED_QUESTION, MEANWHILE])
            return [Reply(text, write), *await self.current(turn, [])]
        return await self._back(turn, said)

    async def added(self, turn: Turn, text: str) -> list[Reply] | None:
        """Text typed while a request that promised a conversation (`service.converses`) is open, before staff wrote
        and with no question waiting for a typed answer: added to the request (the team told), then the question or
        menu again. None when no such request is open."""
        case = await _open_conversation(turn)
        if case is None:
            return None
        if too_long(text):
            return await self.current(turn, [too_long_refusal(text)])
        await service.person_writes(turn.session, turn.person, case, text, turn.now, self.policy)
        if case.holder is None:
            return await self.current(turn, [ADDED.bind(number=reference(case.id))])
        name = known_as(await store.staff_member(turn.session, case.holder_id))
        return await self.current(turn, [SENT.bind(name=name) if name else SENT_TO_TEAM])

    async def not_added(self, turn: Turn, *, edited: bool) -> list[Reply] | None:
        """A message edited, or a photo, file or voice message, sent where typed text would be added to an open
        request (`added`): what did not reach the team, then the question or menu again (None without such a
        request: the bot's own notice)."""
        if await _open_conversation(turn) is None:
            return None
        return await self.current(turn, [EDIT_NOT_PASSED if edited else MEDIA_NOT_PASSED])

    async def write_team(self, turn: Turn, case_id: int) -> list[Reply]:
        """ "✍️ Écrire à l'équipe": the person's next typed message goes to their open request, not to the question."""
        case = await store.get_case(turn.session, case_id)
        if case is None or case.person_id != turn.person.id or case.status == "closed":
            return await self.current(turn, [STALE_BUTTON])
        turn.person.in_case = case.id
        return [Reply(turn.t(WRITE_NOW.bind(number=reference(case.id))), ((routes.LEAVE_CASE.button(turn.t(LEAVE)),),))]

    async def _back(self, turn: Turn, said: list[Msg]) -> list[Reply]:
        """What was said, then the question the person was on (or their menu)."""
        if await self.runner.active(turn) is not None:
            return await self.current(turn, [*said, MEANWHILE])
        return await self.current(turn, said)

    async def typed(self, turn: Turn, text: str) -> list[Reply] | None:
        """A message typed while talking with a staff member: relayed to them (None when not in a conversation)."""
        case = await store.get_case(turn.session, turn.person.in_case) if turn.person.in_case else None
        if case is None or case.person_id != turn.person.id:
            return None
        if case.status == "closed":
            return await self._after_closing(turn, case)
        leave = ((routes.LEAVE_CASE.button(turn.t(LEAVE)),),)
        if too_long(text):  # refused whole: a cut message would lose its end unseen
            return [Reply(turn.t(too_long_refusal(text)), leave)]
        await service.person_writes(turn.session, turn.person, case, text, turn.now, self.policy)
        name = known_as(await store.staff_member(turn.session, case.holder_id))
        return [Reply(turn.t(SENT.bind(name=name) if name else SENT_TO_TEAM), leave)]

    async def not_text(self, turn: Turn, *, edited: bool) -> list[Reply] | None:
        """A message edited, or a photo, file or voice message, sent while talking with a staff member: what did not
        reach them, and the conversation goes on (None when not in one: the bot's own notice)."""
        case = await store.get_case(turn.session, turn.person.in_case) if turn.person.in_case else None
        if case is None or case.person_id != turn.person.id or case.status == "closed":
            return None
        leave = ((routes.LEAVE_CASE.button(turn.t(LEAVE)),),)
        return [Reply(turn.t(EDIT_NOT_PASSED if edited else MEDIA_NOT_PASSED), leave)]

    async def _after_closing(self, turn: Turn, case: Case) -> list[Reply] | None:
        """The first text typed after the conversation closed: not passed on, and not taken as an answer either.

        The person is told it reached nobody, with a button to ask a person again and their question or
        menu; what they type next goes to the bot. After `AFTER_CLOSING` the text goes to the bot at once.
        """
        turn.person.in_case = None
        if case.closed_at is None or turn.now - case.closed_at > AFTER_CLOSING:
            return None
        name = known_as(await store.staff_member(turn.session, case.holder_id))
        said = (
            NOT_PASSED_ON.bind(number=reference(case.id), name=name)
            if name
            else NOT_PASSED_ON_TEAM.bind(number=reference(case.id))
        )
        rows: list[tuple[Button, ...]] = [(routes.ASK_PERSON.button(turn.t(ASK_AGAIN), "ask"),)]
        if await self.runner.active(turn) is not None:
            rows.append((routes.RESUME.button(turn.t(CONTINUE)),))
        rows.append((routes.MENU.button(turn.t(MENU_BUTTON), "main"),))
        return [Reply(turn.t(said), tuple(rows))]

    async def resume(self, turn: Turn) -> list[Reply]:
        """« Reprendre « … » », « ▶️ Reprendre mon questionnaire »: the question in progress with its buttons, whatever
        was visited since (or the menu, nothing in progress).

        Someone talking with the team is back to the bot first, as with « ↩️ Revenir au bot » (told their request
        stays open): what they type next answers the question they see, where it went to the team before.
        """
        if turn.person.in_case is not None and await self.runner.active(turn) is not None:
            case = await store.get_case(turn.session, turn.person.in_case)
            turn.person.in_case = None
            if case is not None and case.person_id == turn.person.id and case.status != "closed":
                return await self.current(turn, [LEFT])
        return await self.current(turn, [])

    async def leave(self, turn: Turn) -> list[Reply]:
        """Back to the bot: typed messages go to questionnaires again; the request stays open."""
        turn.person.in_case = None
        return await self.current(turn, [LEFT])

    async def mine(self, turn: Turn) -> list[Reply]:
        """ "My requests": each one's state in words, with a button to cancel each open one."""
        found = await service.mine(turn.session, turn.person, turn.now)
        if not found:
            return [main_menu(turn.t, prefix=turn.t(NONE))]
        lines = [turn.t(MINE)]
        rows: list[tuple[Button, ...]] = []
        unheard = False
        for case in found:
            # A request nobody in the team would hear of now promises no date here either, as when it was sent.
            nobody = case.status == "new" and await service.nobody_told(turn.session, case.kind)
            unheard = unheard or nobody
            lines.append(await self._line(turn, case, nobody_told=nobody))
            if case.status != "closed":
                rows.append((routes.WITHDRAW.button(turn.t(CANCEL.bind(number=reference(case.id))), case.id, "ask"),))
        if unheard:
            lines.extend(turn.t(m) for m in no_promise(self.contacts)[1:])  # whom to phone instead
        rows.append((routes.MENU.button(turn.t(MENU_BUTTON), "main"),))
        return [Reply("\n\n".join(lines), tuple(rows))]

    async def _line(self, turn: Turn, case: Case, *, nobody_told: bool = False) -> str:
        """One request: number, kind, when sent, and its state as the person can see it in their chat."""
        t = turn.t
        state: Msg
        if case.status == "closed":
            state = WITHDRAWN if case.outcome == "withdrawn" else CLOSED
        elif nobody_told:
            state = NOBODY_YET
        else:
            name = known_as(await store.staff_member(turn.session, case.holder_id))
            due = t.date(case.due_at.astimezone(PARIS).date(), "MMMMEd")
            status = await _as_seen(turn, case)
            state = STATES[status].bind(due=due, name=name) if name else UNNAMED_STATES[status].bind(due=due)
        return t(
            LINE.bind(number=reference(case.id), kind=kind_name(case, t), at=when(case.created_at, t), state=state)
        )

    async def withdraw(self, turn: Turn, case_id: int, *, confirmed: bool) -> list[Reply]:
        """Cancel one of the person's open requests, once they confirm."""
        case = await store.get_case(turn.session, case_id)
        if case is None or case.person_id != turn.person.id or case.status == "closed":
            return await self.current(turn, [STALE_BUTTON])
        if not confirmed:
            rows = (
                (routes.WITHDRAW.button(turn.t(CANCEL_YES), case.id, "yes"),),
                (routes.MENU.button(turn.t(CANCEL_NO), "requests"),),
            )
            return [Reply(turn.t(CANCEL_ASK.bind(number=reference(case.id), kind=kind_name(case, turn.t))), rows)]
        await service.withdraw(turn.session, turn.person, case.id, turn.now)
        if turn.person.in_case == case.id:
            turn.person.in_case = None
        return await self.current(turn, [CANCELLED.bind(number=reference(case.id))])


async def _as_seen(turn: Turn, case: Case) -> CaseStatus:
    """The request's status as the person sees it: staff wrote, but quiet hours still hold the message (nothing in
    their chat yet): taken in hand, not « message received »."""
    if case.status == "waiting" and not await reached_person(turn.session, case):
        return "claimed"
    return case.status


async def _open_conversation(turn: Turn) -> Case | None:
    """The person's oldest open request that promised they could write to the team here (asking a person, a call-back
    « Par message, ici »)."""
    if not may_have_open_case(turn.session, turn.person.id):  # read with the person: most have none, no query
        return None
    for case in reversed(await service.mine(turn.session, turn.person, turn.now)):
        if await service.converses(turn.session, case):
            return case
    return None
