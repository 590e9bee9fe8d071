"""Staff in the bot (/staff → 📮): messages not delivered or uncertain, and sending one again after checking.

The same services as `faire-lien outbox failed | retry` (`faire_lien/outbox/service.py`): every message
shown and every message sent again leaves an audit row.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.reply import Button, Reply
from dialogs.text import msg, reference
from faire_lien import routes
from faire_lien.cases.texts import when
from faire_lien.core.turn import Turn
from faire_lien.outbox.about import concerns
from faire_lien.outbox.kinds import KIND_NAMES
from faire_lien.outbox.reasons import reason
from faire_lien.outbox.service import failed_messages, retry
from faire_lien.staff.team import actor, back
from storage.models import OutboxMessage

SHOWN = 20
"""Messages listed at most, latest due first (the command line lists them all)."""

HEAD = msg("📮 Messages à suivre — non remis : {failed} ; incertains : {uncertain}.", "staff")
NOTHING = msg("📮 Aucun message non remis ni incertain.", "staff")
FAILED = msg("❌ non remis", "staff")
UNCERTAIN = msg("❓ incertain, peut-être reçu", "staff")
UNCERTAIN_HELP = msg(
    "❓ Incertain : le message est parti mais Telegram n'a pas confirmé sa réception (pas de réponse, "
    "connexion coupée, panne, redémarrage). Il est peut-être arrivé : il n'est jamais renvoyé "
    "automatiquement. Vérifiez avec la personne avant de le renvoyer, sinon elle peut le recevoir deux fois.",
    "staff",
)
FAILED_HELP = msg("❌ Non remis : Telegram ne l'a pas remis (bot bloqué, refus, trop d'essais).", "staff")
RESEND = msg("🔁 Renvoyer n°{id}", "staff")
CHECKED = msg(
    "Le message n°{id} est peut-être déjà arrivé. Avez-vous vérifié avec la personne qu'elle ne l'a pas reçu ?",
    "staff",
)
YES_RESEND = msg("✅ Oui, le renvoyer", "staff")
BACK = msg("◀ Messages à suivre", "staff")
LINE = msg("• n°{id} · {kind} · {who} · {due} · {state} ({reason})", "staff")
QUEUED = msg("🔁 Le message n°{id} est remis dans la file : il part dans quelques secondes.", "staff")


async def undelivered(turn: Turn, note: str = "") -> list[Reply]:
    """The failed and uncertain messages, what each state means, a button to send each one again."""
    found = await failed_messages(turn.session, actor(turn), turn.now)
    if not found:
        return [Reply(_with_note(note, turn.t(NOTHING)), back(turn))]
    uncertain = sum(m.status == "uncertain" for m in found)
    lines = [turn.t(HEAD.bind(failed=len(found) - uncertain, uncertain=uncertain))]
    lines += [await line(turn.session, turn.t, message) for message in found[:SHOWN]]
    lines += [turn.t(UNCERTAIN_HELP)] if uncertain else []
    lines += [turn.t(FAILED_HELP)] if len(found) > uncertain else []
    rows: list[tuple[Button, ...]] = [
        (
            routes.RESEND.button(
                turn.t(RESEND.bind(id=reference(m.id))), m.id, "ask" if m.status == "uncertain" else "yes"
            ),
        )
        for m in found[:SHOWN]
    ]
    return [Reply(_with_note(note, "\n".join(lines)), (*rows, *back(turn)))]


async def resend(turn: Turn, message_id: int, *, confirmed: bool) -> list[Reply]:
    """Send a message again (audited); an uncertain one only once staff say they checked with the person."""
    if not confirmed:
        rows = (
            (routes.RESEND.button(turn.t(YES_RESEND), message_id, "yes"),),
            (routes.STAFF_OUTBOX.button(turn.t(BACK)),),
        )
        return [Reply(turn.t(CHECKED.bind(id=reference(message_id))), rows)]
    queued = await retry(turn.session, message_id, actor(turn), turn.now)
    return await undelivered(turn, turn.t(QUEUED.bind(id=reference(message_id))) if queued is not None else "")


async def line(session: AsyncSession, t: Translator, message: OutboxMessage) -> str:
    """One message: number, kind in words, its booking code or case (never a name or a person's number), due time in
    Paris, state, why; the same line in the bot and on the command line."""
    return t(
        LINE.bind(
            id=reference(message.id),
            kind=KIND_NAMES[message.kind],
            who=await concerns(session, message),
            due=when(message.due_at, t),
            state=UNCERTAIN if message.status == "uncertain" else FAILED,
            reason=reason(message.last_error),
        )
    )


def _with_note(note: str, text: str) -> str:
    """The text under a short note (what was just done), if any."""
    return f"{note}\n\n{text}" if note else text
