"""The staff side of a case in Telegram: take it, write to the person, close it, open it in the console."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.reply import Button, Reply, split_text
from dialogs.schema import Flow
from dialogs.text import Msg, Param, msg, plural, reference
from faire_lien import routes
from faire_lien.cases import service
from faire_lien.cases.kinds import OUTCOMES, STAFF_OUTCOMES, handles, kinds_for
from faire_lien.cases.notify import held_until
from faire_lien.cases.texts import CLOSE, CONSOLE, kind_name, language_in, too_long_refusal, when
from faire_lien.core.quiet import QuietHours
from faire_lien.core.roles import Staff, staff
from faire_lien.core.screens import STALE_BUTTON
from faire_lien.core.turn import Turn
from faire_lien.staff.console_links import BACK_TO_STAFF, case_link
from faire_lien.staff.request_details import details
from storage import cases as store
from storage.cases import Listing
from storage.models import Case
from storage.statuses import is_staff_outcome
from storage.types import PARIS

Home = Callable[[Turn], Awaitable[list[Reply]]]

TAKEN = msg("✋ Vous avez pris la demande n° {number} ({kind}, en {language}). Réponse promise d'ici le {due}.", "case")
YOURS = msg("Vous tenez déjà la demande n° {number}.", "case")
HELD = msg("La demande n° {number} est déjà prise par {name}.", "case")
IS_CLOSED = msg("La demande n° {number} est close.", "case")
WRITE = msg("✍️ Écrire à la personne", "case")
WRITE_AGAIN = msg("✍️ Écrire encore", "case")
WRITING = msg(
    "✍️ Écrivez maintenant votre message pour la personne (demande n° {number}). Il partira tel quel, "
    "signé de votre nom et de votre rôle : écrivez simplement, ou dans sa langue si vous le pouvez ({language}).",
    "case",
)
STOP = msg("✖ Ne rien envoyer", "case")
STOPPED = msg("Rien n'a été envoyé.", "case")
SENT = msg(
    "✅ Message envoyé à la personne (demande n° {number}). Sa réponse vous arrivera ici et dans la console.", "case"
)
SENT_LATER = msg(
    "✅ Message enregistré pour la personne (demande n° {number}) : heures calmes, il partira à {time} ({day}), ou "
    "dès qu'elle écrira. Sa réponse vous arrivera ici et dans la console.",
    "case",
)
"""Written within quiet hours to someone who has not written in the last hour: the bot holds it until they end."""
REFUSED: dict[str, Msg] = {
    "not_holder": msg("Cette demande est tenue par quelqu'un d'autre : rien n'a été envoyé.", "case"),
    "closed": msg("Cette demande est close : rien n'a été envoyé.", "case"),
    "empty": msg("Votre message est vide : rien n'a été envoyé.", "case"),
    "no_chat": msg(
        "Cette personne n'écrit pas au bot (un médiateur a fait la demande pour elle) : appelez-la au numéro "
        "donné dans la demande. Rien n'a été envoyé.",
        "case",
    ),
}
"""Why a staff member's message was not sent (too long: `too_long_refusal`, which says its length)."""
ERASED = msg(
    "La demande n° {number} a été supprimée : la personne a effacé ses données, ou la durée de conservation est "
    "passée. Rien n'a été envoyé.",
    "case",
)
GONE = msg(
    "La demande n° {number} a été supprimée : la personne a effacé ses données, ou la durée de conservation est "
    "passée.",
    "case",
)
CLOSE_ASK = msg("Clore la demande n° {number} : comment s'est-elle terminée ? La personne sera prévenue.", "case")
CLOSED = msg("✅ La demande n° {number} est close : {outcome}. La personne est prévenue.", "case")
NOT_YOURS = msg("Seule la personne qui tient cette demande, ou une coordinatrice, peut la clore.", "case")
NO_CASES = msg("📥 Aucune demande ouverte pour votre rôle.", "case")
OPEN_LINE = msg("n° {number} · {kind} · {language}\n{state} · réponse promise d'ici le {due}", "case")
NOBODY = msg("⏳ personne ne l'a prise", "case")
HELD_BY = msg("👤 prise par {name}", "case")
TAKE_NUMBER = msg("✋ n° {number} : la prendre", "case")
"""A case nobody holds: pressing takes it (the person is then told who handles it)."""
SEE_NUMBER = msg("n° {number} : voir", "case")
"""A case someone holds (oneself or a colleague): pressing shows who, and what one may do."""
MAX_LISTED = 20
LINK = msg("🖥 Console, demande n° {number} (lien valable 10 minutes, une seule fois) :\n{url}", "case")


class CaseDesk:
    """Staff handling cases from their Telegram chat."""

    def __init__(
        self, console_url: str, home: Home, flows: Mapping[str, Flow], quiet: QuietHours | None = None
    ) -> None:
        self.console_url = console_url
        self.home = home
        self.flows = flows
        self.quiet = quiet or QuietHours()

    async def take(self, turn: Turn, case_id: int) -> list[Reply]:
        """ "Take it": one of two staff pressing at once gets the case, the other is told who did; either way, what
        the person chose to share follows (the read audited, as in the console)."""
        who = await staff(turn)
        if who is None:
            return await self.home(turn)
        taken = await service.take(turn.session, case_id, who, turn.now)
        if taken.result == "gone":
            return await self._gone(turn, case_id)
        if taken.case is None:
            return [Reply(turn.t(STALE_BUTTON)), *await self.home(turn)]
        case = taken.case
        if taken.result == "held":
            held = HELD.bind(number=reference(case.id), name=taken.holder or "?")
            rows = (*self._close(turn, case, who), *self._open(turn, case))
            return await self._shown(turn, who, turn.t(held), rows, case.id)
        if taken.result == "closed":
            closed = turn.t(IS_CLOSED.bind(number=reference(case.id)))
            return await self._shown(turn, who, closed, self._open(turn, case), case.id)
        said = TAKEN if taken.result == "taken" else YOURS
        text = turn.t(
            said.bind(
                number=reference(case.id),
                kind=kind_name(case, turn.t),
                language=language_in(case.language, turn.t),
                due=when(case.due_at, turn.t),
            )
        )
        return await self._shown(turn, who, text, self.actions(turn, case), case.id)

    async def _shown(
        self, turn: Turn, who: Staff, said: str, buttons: tuple[tuple[Button, ...], ...], case_id: int
    ) -> list[Reply]:
        """What pressing said, then the request's shared details, in as many messages as Telegram's length needs,
        the buttons under the last one."""
        view = await service.read(turn.session, case_id, who, turn.now, "bot")
        text = f"{said}\n\n{details(view, self.flows, turn.t)}" if view is not None else said
        chunks = split_text(text)
        return [*(Reply(chunk) for chunk in chunks[:-1]), Reply(chunks[-1], buttons)]

    async def open_cases(self, turn: Turn) -> list[Reply]:
        """The open cases of the kinds this role handles, oldest first: number, kind, language, who holds it.

        No personal detail here: a case's content is read by taking it, or in the console (audited).
        """
        who = await staff(turn)
        if who is None:
            return await self.home(turn)
        found, total = await service.inbox(turn.session, who, Listing(kinds=kinds_for(who.role), limit=MAX_LISTED))
        if not found:
            return [Reply(turn.t(NO_CASES)), *await self.home(turn)]
        lines = [turn.t(open_head(total))]
        rows: list[tuple[Button, ...]] = []
        for case in found:
            lines.append(await open_line(turn.session, case, turn.t))
            label = TAKE_NUMBER if case.holder is None else SEE_NUMBER
            rows.append((routes.CASE_TAKE.button(turn.t(label.bind(number=reference(case.id))), case.id),))
        rows.append((routes.STAFF_HOME.button(turn.t(BACK_TO_STAFF)),))
        return [Reply("\n\n".join(lines), tuple(rows))]

    def actions(self, turn: Turn, case: Case, *, again: bool = False) -> tuple[tuple[Button, ...], ...]:
        """Write, close, open in the console, back to the staff menu."""
        return (
            (routes.CASE_WRITE.button(turn.t(WRITE_AGAIN if again else WRITE), case.id),),
            (routes.CASE_CLOSE.button(turn.t(CLOSE), case.id, "ask"),),
            *self._open(turn, case),
        )

    def _close(self, turn: Turn, case: Case, who: Staff) -> tuple[tuple[Button, ...], ...]:
        """The close button on a colleague's case, for those who may close it (coordinators); else nothing."""
        if service.close_refused(case, who) is not None:
            return ()
        return ((routes.CASE_CLOSE.button(turn.t(CLOSE), case.id, "ask"),),)

    def _open(self, turn: Turn, case: Case) -> tuple[tuple[Button, ...], ...]:
        return (
            (routes.CASE_CONSOLE.button(turn.t(CONSOLE), case.id),),
            (routes.STAFF_HOME.button(turn.t(BACK_TO_STAFF)),),
        )

    async def write(self, turn: Turn, case_id: int) -> list[Reply]:
        """Start writing: the staff member's next typed message goes to the person (nothing else does)."""
        who = await staff(turn)
        case = await store.get_case(turn.session, case_id)
        if who is not None and case is None:
            return await self._gone(turn, case_id)
        if who is None or case is None or not _may_write(who, case):
            return [Reply(turn.t(REFUSED["not_holder"] if case and who else STALE_BUTTON)), *await self.home(turn)]
        if case.status == "closed":
            return [Reply(turn.t(REFUSED["closed"])), *await self.home(turn)]
        turn.person.in_case = case.id
        text = turn.t(WRITING.bind(number=reference(case.id), language=language_in(case.language, turn.t)))
        return [Reply(text, ((routes.CASE_STOP.button(turn.t(STOP)),),))]

    async def typed(self, turn: Turn, text: str) -> list[Reply] | None:
        """The message a staff member typed after "Write to the person" (None when they were not writing); the case
        erased meanwhile (/forget, retention): nothing sent, and they are told so."""
        writing_to = turn.person.in_case
        case = await store.get_case(turn.session, writing_to) if writing_to else None
        who = await staff(turn)
        if who is None or (case is not None and case.person_id == turn.person.id):
            return None
        if case is None:
            return await self._erased(turn, writing_to) if writing_to else None
        return await self.reply(turn, case.id, text)  # one message per press: nothing later goes out by mistake

    async def reply(self, turn: Turn, case_id: int, text: str) -> list[Reply]:
        """Text sent as a Telegram reply to a case's notice or relayed message: straight to the person."""
        who = await staff(turn)
        case = await store.get_case(turn.session, case_id)
        if who is not None and case is None:
            return await self._erased(turn, case_id)
        if who is None or case is None or not _may_write(who, case):
            return [Reply(turn.t(STALE_BUTTON)), *await self.home(turn)]
        turn.person.in_case = None
        result = await service.write(turn.session, case, who, text, turn.now)
        if result != "sent":
            said = too_long_refusal(text) if result == "too_long" else REFUSED[result]
            return [Reply(turn.t(said), self.actions(turn, case))]
        return [Reply(turn.t(self._sent(turn, case)), self.actions(turn, case, again=True))]

    def _sent(self, turn: Turn, case: Case) -> Msg:
        """Sent, or held by quiet hours until when (Paris time), sooner if the person writes."""
        later = held_until(case, turn.now, self.quiet)
        if later is None:
            return SENT.bind(number=reference(case.id))
        local = later.astimezone(PARIS)
        day = turn.t.date(local.date(), "full")
        return SENT_LATER.bind(number=reference(case.id), time=turn.t.time(local), day=day)

    async def _gone(self, turn: Turn, case_id: int) -> list[Reply]:
        """A button of a case that no longer exists (/forget, retention): said so, then the staff menu."""
        return [Reply(turn.t(GONE.bind(number=reference(case_id)))), *await self.home(turn)]

    async def _erased(self, turn: Turn, case_id: int) -> list[Reply]:
        """A message for a case that no longer exists: not sent, said so, then the staff menu."""
        turn.person.in_case = None
        return [Reply(turn.t(ERASED.bind(number=reference(case_id)))), *await self.home(turn)]

    async def stop_writing(self, turn: Turn) -> None:
        """A staff member who pressed "Write to the person" then went elsewhere: their next text is theirs again.

        A person talking with staff stays in their conversation (their own case) until they leave it; once it
        is closed, pressing anything (their questionnaire back, the menu) ends it for them.
        """
        case = await store.get_case(turn.session, turn.person.in_case) if turn.person.in_case else None
        if case is None or case.person_id != turn.person.id or case.status == "closed":
            turn.person.in_case = None

    async def stop(self, turn: Turn) -> list[Reply]:
        """Stop writing without sending anything."""
        turn.person.in_case = None
        return [Reply(turn.t(STOPPED)), *await self.home(turn)]

    async def close(self, turn: Turn, case_id: int, outcome: str) -> list[Reply]:
        """Close a case: the outcome to choose, then closed and the person told; a closed or a colleague's says so."""
        who = await staff(turn)
        case = await store.get_case(turn.session, case_id)
        if who is not None and case is None:
            return await self._gone(turn, case_id)
        if who is None or case is None or not _may_write(who, case):
            return [Reply(turn.t(STALE_BUTTON)), *await self.home(turn)]
        refused: service.CloseResult | None = service.close_refused(case, who)
        if refused is None and is_staff_outcome(outcome):
            refused = await service.close(turn.session, case, who, outcome, turn.now)
            if refused == "closed":
                said = CLOSED.bind(number=reference(case.id), outcome=OUTCOMES[outcome])
                return [Reply(turn.t(said)), *await self.home(turn)]
        if refused == "already":
            return [Reply(turn.t(IS_CLOSED.bind(number=reference(case.id)))), *await self.home(turn)]
        if refused == "not_holder":
            return [Reply(turn.t(NOT_YOURS)), *await self.home(turn)]
        rows = tuple((routes.CASE_CLOSE.button(turn.t(OUTCOMES[o]), case.id, o),) for o in STAFF_OUTCOMES)
        return [Reply(turn.t(CLOSE_ASK.bind(number=reference(case.id))), (*rows, *self._open(turn, case)))]

    async def console(self, turn: Turn, case_id: int) -> list[Reply]:
        """A one-time sign-in link that opens this case in the console; an erased case says so instead."""
        who = await staff(turn)
        if who is None:
            return await self.home(turn)
        if await store.get_case(turn.session, case_id) is None:
            return await self._gone(turn, case_id)
        link = await case_link(turn.session, who, self.console_url, case_id, turn.now)
        return [
            Reply(
                turn.t(LINK.bind(number=reference(case_id), url=link)),
                ((routes.STAFF_HOME.button(turn.t(BACK_TO_STAFF)),),),
            )
        ]


def _may_write(who: Staff, case: Case) -> bool:
    """Whether this staff member may act on the case: their role handles its kind."""
    return handles(who.role, case.kind)


def open_head(total: int) -> Msg:
    """ "📥 3 demandes ouvertes :", above the list of open cases."""
    return plural("📥 {n} demande ouverte :", "📥 {n} demandes ouvertes :", total, "case")


async def open_line(session: AsyncSession, case: Case, t: Translator) -> str:
    """One open case as the bot's list and the command line write it: number, kind, language, who holds it, and the
    answer promised by when (Paris time); never the person's name or number."""
    holder = await service.holder_name(session, case)
    fields: dict[str, Param] = {
        "number": reference(case.id),
        "kind": kind_name(case, t),
        "language": language_in(case.language, t),
        "due": when(case.due_at, t),
    }
    return t(OPEN_LINE.bind(state=HELD_BY.bind(name=holder) if holder else NOBODY, **fields))
