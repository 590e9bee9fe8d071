"""Messages about cases: a notice to staff, a staff message to the person, the person's answer, the closing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.bidi import contained
from dialogs.i18n import Translator
from dialogs.reply import Reply
from dialogs.text import Param, msg, reference
from faire_lien import routes
from faire_lien.cases.kinds import OUTCOMES
from faire_lien.cases.service import holder_name, name_of
from faire_lien.cases.texts import (
    CLOSE,
    CONSOLE,
    CONTINUE,
    LEAVE,
    TAKE,
    TEAM,
    kind_name,
    language_in,
    signature,
    when,
)
from faire_lien.core.screens import MENU_BUTTON, main_menu
from storage import cases as store
from storage.conversations import load_conversation
from storage.models import Case, OutboxMessage

NEW = msg(
    "🔔 Nouvelle demande n° {number} : {kind}, en {language}. Réponse promise d'ici le {due}.\n"
    "Les détails sont dans la demande elle-même.",
    "case",
)
REMINDER = msg(
    "⏰ La demande n° {number} ({kind}, en {language}) attend depuis le {since} : personne ne l'a encore prise. "
    "Réponse promise d'ici le {due}.",
    "case",
)
RELEASED = msg(
    "↩️ La demande n° {number} ({kind}, en {language}) revient dans les demandes à prendre : la personne qui la "
    "tenait n'a plus ce rôle dans l'équipe. Réponse promise d'ici le {due}.",
    "case",
)
LATE = msg(
    "⏰ La demande n° {number} ({kind}, en {language}), que vous avez prise le {since}, n'a pas encore de "
    "réponse : elle était promise d'ici le {due}. Écrivez à la personne dès que possible.",
    "case",
)
LATE_ESCALATED = msg(
    "⏰ La demande n° {number} ({kind}, en {language}) est tenue par {holder} depuis le {since}, mais la personne "
    "n'a toujours pas de réponse : elle était promise d'ici le {due}.",
    "case",
)
REPLY_LATE = msg(
    "⏰ Dans la demande n° {number} ({kind}, en {language}), la personne vous a écrit le {since} et attend toujours "
    "votre réponse. Écrivez-lui dès que possible.",
    "case",
)
REPLY_LATE_ESCALATED = msg(
    "⏰ Dans la demande n° {number} ({kind}, en {language}), tenue par {holder}, la personne a écrit le {since} et "
    "attend toujours une réponse.",
    "case",
)
WROTE = msg(
    "💬 La personne a écrit dans la demande n° {number} ({kind}, en {language}), que personne n'a encore prise. "
    "Son message vous parviendra quand vous l'aurez prise. Réponse promise d'ici le {due}.",
    "case",
)
WITHDRAWN = msg("↩️ La personne a annulé sa demande n° {number} ({kind}).", "case")
ERASED = msg(
    "🗑 La demande n° {number} a été retirée : la personne a effacé ses données. Vous n'avez plus rien à faire pour "
    "cette demande.",
    "case",
)
"""To the holder of an open request whose person used /forget: its number only, the request being gone."""
DELIVERED = msg(
    "✅ La demande n° {number} ({kind}) est close : le message que la personne n'avait pas reçu lui est parvenu "
    "ensuite (elle a débloqué le bot). Plus besoin de la contacter pour ce message.",
    "case",
)
CLOSED_FOR = msg(
    "✅ {name} a clos la demande n° {number} ({kind}) que vous teniez : {outcome}. La personne est prévenue : "
    "vous n'avez plus rien à faire pour cette demande.",
    "case",
)
ANSWER = msg("✍️ Répondre", "case")
PERSON_WROTE = msg("💬 Demande n° {number} ({kind}) — la personne a écrit :", "case")
HUMAN = msg(
    "Vous parlez avec une personne de l'équipe, pas avec un robot. Répondez simplement ici : "
    "votre message lui sera transmis.",
    "case",
)
CLOSED = msg(
    "✅ Votre demande n° {number} ({kind}) est close. Si vous avez encore besoin d'aide, vous pouvez refaire une "
    "demande à tout moment.",
    "case",
)


async def case_notice(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """A short notice to staff with no health detail; None once someone took the case or it was closed."""
    if message.payload.get("event") == "erased":  # the case is gone: its number is all there is
        return Reply(t(ERASED.bind(number=reference(int(message.payload.get("case", 0))))))
    case = await store.get_case(session, int(message.payload.get("case", 0)))
    if case is None:
        return None
    event = message.payload.get("event")
    fields: dict[str, Param] = {
        "number": reference(case.id),
        "kind": kind_name(case, t),
        "language": language_in(case.language, t),
    }
    if event == "withdrawn":
        return Reply(t(WITHDRAWN.bind(**fields)))
    if event == "closed_for":
        return await _closed_for(session, case, message, t, fields)
    if event == "delivered":
        return Reply(t(DELIVERED.bind(**fields)), ((routes.CASE_CONSOLE.button(t(CONSOLE), case.id),),))
    if event in ("late", "late_escalated"):
        return await _late(session, case, message, t, fields)
    if event in ("reply_late", "reply_late_escalated"):
        return await _reply_late(session, case, message, t, fields)
    if case.status != "new":
        return None
    due = when(case.due_at, t)
    said = REMINDER.bind(since=when(case.created_at, t), due=due, **fields) if event == "reminder" else NEW
    said = RELEASED if event == "released" else WROTE if event == "wrote" else said
    text = t(said.bind(due=due, **fields))
    rows = (
        (routes.CASE_TAKE.button(t(TAKE), case.id),),
        (routes.CASE_CONSOLE.button(t(CONSOLE), case.id),),
    )
    return Reply(text, rows)


async def _closed_for(
    session: AsyncSession, case: Case, message: OutboxMessage, t: Translator, fields: dict[str, Param]
) -> Reply | None:
    """The former holder told a coordinator closed their case, and how it ended; None if it was opened again."""
    if case.status != "closed" or case.outcome is None:
        return None
    by = await store.staff_member(session, int(message.payload.get("by", 0)))
    name = name_of(by, "?") if by is not None else t(TEAM)
    said = CLOSED_FOR.bind(name=contained(name), outcome=OUTCOMES[case.outcome], **fields)
    return Reply(t(said), ((routes.CASE_CONSOLE.button(t(CONSOLE), case.id),),))


async def _late(
    session: AsyncSession, case: Case, message: OutboxMessage, t: Translator, fields: dict[str, Param]
) -> Reply | None:
    """The holder (then the other coordinators) told the person still has no answer past the due time; None once
    the case was answered, closed, or changed hands."""
    if case.status != "claimed" or case.holder != message.payload.get("holder"):
        return None
    if case.claimed_at is None or await store.answered(session, [case.id]):
        return None
    times: dict[str, Param] = {"since": when(case.claimed_at, t), "due": when(case.due_at, t), **fields}
    console = (routes.CASE_CONSOLE.button(t(CONSOLE), case.id),)
    if message.payload.get("event") == "late":
        return Reply(t(LATE.bind(**times)), ((routes.CASE_WRITE.button(t(ANSWER), case.id),), console))
    holder = await holder_name(session, case) or t(TEAM)
    return Reply(t(LATE_ESCALATED.bind(holder=holder, **times)), (console,))


async def _reply_late(
    session: AsyncSession, case: Case, message: OutboxMessage, t: Translator, fields: dict[str, Param]
) -> Reply | None:
    """The holder (then the other coordinators) told the person's message still has no answer; None once it was
    answered, the case closed, or it changed hands."""
    line = await store.get_message(session, int(message.payload.get("message", 0)))
    if line is None or case.status != "claimed" or case.holder != message.payload.get("holder"):
        return None
    answered_at = await store.last_staff_line(session, case.id)
    if answered_at is not None and answered_at >= line.at:
        return None
    since: dict[str, Param] = {"since": when(line.at, t), **fields}
    console = (routes.CASE_CONSOLE.button(t(CONSOLE), case.id),)
    if message.payload.get("event") == "reply_late":
        return Reply(t(REPLY_LATE.bind(**since)), ((routes.CASE_WRITE.button(t(ANSWER), case.id),), console))
    holder = await holder_name(session, case) or t(TEAM)
    return Reply(t(REPLY_LATE_ESCALATED.bind(holder=holder, **since)), (console,))


async def case_message(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """A staff member's message to the person, signed with their name and role, and a way back to the bot."""
    line = await store.get_message(session, int(message.payload.get("message", 0)))
    case = await store.get_case(session, line.case_id) if line is not None else None
    if line is None or case is None or case.status == "closed":
        return None
    member = await store.staff_member(session, line.staff_id)
    text = f"{signature(member, t)}\n\n{contained(line.text)}\n\n{t(HUMAN)}"
    return Reply(text, ((routes.LEAVE_CASE.button(t(LEAVE)),),))


async def case_reply(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """The person's answer relayed to the staff member holding the case, with Answer and Close."""
    line = await store.get_message(session, int(message.payload.get("message", 0)))
    case = await store.get_case(session, line.case_id) if line is not None else None
    if line is None or case is None or case.status == "closed":
        return None
    header = t(PERSON_WROTE.bind(number=reference(case.id), kind=kind_name(case, t)))
    rows = (
        (routes.CASE_WRITE.button(t(ANSWER), case.id),),
        (routes.CASE_CLOSE.button(t(CLOSE), case.id, "ask"),),
        (routes.CASE_CONSOLE.button(t(CONSOLE), case.id),),
    )
    return Reply(f"{header}\n\n{contained(line.text)}", rows)


async def case_closed(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """The person told their request is closed, with their menu (or their questionnaire) back."""
    case = await store.get_case(session, int(message.payload.get("case", 0)))
    if case is None or case.outcome == "withdrawn":
        return None
    said = t(CLOSED.bind(number=reference(case.id), kind=kind_name(case, t)))
    if await load_conversation(session, case.person_id) is not None:
        rows = ((routes.RESUME.button(t(CONTINUE)),), (routes.MENU.button(t(MENU_BUTTON), "main"),))
        return Reply(said, rows)
    return main_menu(t, prefix=said)
