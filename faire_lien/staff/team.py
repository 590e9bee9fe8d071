"""Coordinators manage the team in the bot: invite codes, the staff list, revoking, the audit log."""

from __future__ import annotations

from datetime import datetime

from dialogs.bidi import contained, shortened
from dialogs.bilingual import BUTTON
from dialogs.i18n import Translator
from dialogs.reply import Button, Reply
from dialogs.text import msg, plural, reference
from faire_lien import routes
from faire_lien.cases.texts import when
from faire_lien.core.roles import role
from faire_lien.core.screens import MENU_BUTTON, main_menu
from faire_lien.core.turn import Turn
from faire_lien.staff.console_links import BACK_TO_STAFF
from faire_lien.staff.journal import ABOUT_PERSON, GAVE_ROLE, JOINED, TOOK_ROLE, action_words
from faire_lien.staff.names import colleague, known_name, telegram_number
from faire_lien.staff.service import audit_entries
from storage.models import AuditEntry, StaffMember
from storage.staff import everyone, invite, members, redeem
from storage.statuses import is_role
from storage.types import PARIS

REVOKE_LABEL = msg("Retirer le rôle de {who}", "staff")
ROLE_NAMES = {
    "coordinator": msg("coordinatrice ou coordinateur", "staff"),
    "facilitator": msg("animatrice ou animateur", "staff"),
    "mediator": msg("médiatrice ou médiateur", "staff"),
}
INVITE_USAGE = msg("Écrivez /invite suivi du rôle : coordinator, facilitator ou mediator.", "staff")
INVITE_MADE = msg(
    "Code d'invitation ({role}), valable 7 jours et une seule fois : {code}\n"
    "La personne l'utilise en écrivant au bot : /start inv_{code}",
    "staff",
)
WELCOME_ROLE = msg("Bienvenue dans l'équipe : vous êtes {role}. Tapez /staff pour commencer.", "staff")
TELEGRAM_ONLY = msg("Une invitation s'utilise depuis un compte Telegram : le code reste valable.", "staff")
INVITED = "invite:"
"""How an audit row's actor says a role was taken with an invitation: « invite:telegram:501 » (who made it)."""
BAD_CODE = msg("Ce code d'invitation n'est pas valable (déjà utilisé ou expiré). Demandez-en un nouveau.", "staff")


def back(turn: Turn) -> tuple[tuple[Button, ...], ...]:
    """The way back from a team screen: the staff menu, then the main menu."""
    return ((routes.STAFF_HOME.button(turn.t(BACK_TO_STAFF)),), (routes.MENU.button(turn.t(MENU_BUTTON), "main"),))


def actor(turn: Turn) -> str:
    """Who acts, for the audit log."""
    return f"telegram:{turn.person.telegram_id}" if turn.person.telegram_id else f"terminal:{turn.person.terminal_user}"


async def make_invite(turn: Turn, role_name: str) -> list[Reply]:
    """A single-use, expiring code for a new staff member."""
    if not is_role(role_name):
        return [Reply(turn.t(INVITE_USAGE), back(turn))]
    code = await invite(turn.session, role_name, actor(turn), turn.now)
    return [Reply(turn.t(INVITE_MADE.bind(role=ROLE_NAMES[role_name], code=code.code)), back(turn))]


async def use_invite(turn: Turn, code: str) -> list[Reply] | None:
    """Become staff with a valid code: the welcome to the team over the menu; None for a code that is not valid. The
    terminal chat (no Telegram account, already acting as the server's coordinator) leaves the code unused."""
    if turn.person.telegram_id is None:
        return [main_menu(turn.t, prefix=turn.t(TELEGRAM_ONLY))]
    granted = await redeem(turn.session, code, turn.person.telegram_id, turn.now)
    if granted is None:
        return None
    await role(turn)  # keeps the new colleague's Telegram first name, which the team reads until a name is set
    return [main_menu(turn.t, prefix=turn.t(WELCOME_ROLE.bind(role=ROLE_NAMES[granted])))]


async def team(turn: Turn) -> list[Reply]:
    """Active staff with a button to revoke each (but oneself), which asks first (`staff.revoking`)."""
    found = await members(turn.session)
    lines = [turn.t(msg("Équipe :", "staff"))]
    for member in found:
        lines.append(f"• {named(member)} — {turn.t(ROLE_NAMES[member.role])} ({since(member.added_at, turn.t)})")
    others = [member for member in found if member.telegram_id != turn.person.telegram_id]
    labels = revoke_labels(turn.t, others)
    rows = [(routes.REVOKE.button(labels[member.telegram_id], member.telegram_id),) for member in others]
    return [Reply(turn.t.lines("\n".join(lines)), (*rows, *back(turn)))]


def revoke_labels(t: Translator, others: list[StaffMember]) -> dict[int, str]:
    """Each revoke button's label by Telegram id, within a phone's width; labels that would read alike (same name, or
    names alike up to the cut) end with the last digits of each one's Telegram number, the name cut to make room."""
    plain = {member.telegram_id: shortened(t(REVOKE_LABEL.bind(who=colleague(member))), BUTTON) for member in others}
    labels: dict[int, str] = {}
    for member in others:
        alike = [other for other in others if plain[other.telegram_id] == plain[member.telegram_id]]
        labels[member.telegram_id] = plain[member.telegram_id] if len(alike) == 1 else numbered(t, member, alike)
    return labels


def numbered(t: Translator, member: StaffMember, alike: list[StaffMember]) -> str:
    """« Retirer le rôle de Camille (…1234) »: the fewest last digits (four at least) that no look-alike shares."""
    mine, theirs = str(member.telegram_id), [str(o.telegram_id) for o in alike if o is not member]
    size = next((k for k in range(min(4, len(mine)), len(mine)) if all(o[-k:] != mine[-k:] for o in theirs)), len(mine))
    name = colleague(member)
    for room in range(len(name), 0, -1):
        label = t(REVOKE_LABEL.bind(who=f"{shortened(name, room)} (…{mine[-size:]})"))
        if len(label) <= BUTTON:
            return label
    return shortened(label, BUTTON)


def named(member: StaffMember) -> str:
    """A staff member in the team list: their name and Telegram number, or the number alone when no name is known."""
    return f"{colleague(member)} (Telegram {member.telegram_id})" if known_name(member) else colleague(member)


def since(moment: datetime, t: Translator) -> str:
    """The day a staff member got their role, as the reader's language writes a date ("22 nov. 2026"), Paris time."""
    return t.date(moment.astimezone(PARIS).date(), "medium")


async def audit_log(turn: Turn, limit: int = 20) -> list[Reply]:
    """The latest staff reads, exports and role changes (who, what in words, when in Paris time), colleagues by name."""
    entries = await audit_entries(turn.session, limit)
    team = {member.telegram_id: member for member in await everyone(turn.session)}
    latest = plural("Journal ({n} dernière entrée) :", "Journal (les {n} dernières entrées) :", len(entries), "staff")
    lines = [turn.t(latest)]
    for entry in entries:
        about = f" · {turn.t(ABOUT_PERSON.bind(number=reference(entry.person_id)))}" if entry.person_id else ""
        who, what = said(entry, team, turn.t)
        lines.append(f"{when(entry.at, turn.t)} · {who} · {what}{about}")
    return [Reply(turn.t.lines("\n".join(lines)), back(turn))]


def said(entry: AuditEntry, team: dict[int, StaffMember], t: Translator) -> tuple[str, str]:
    """Who did an audit row's action and what, in words; a role given, taken or joined with an invitation names the
    staff member concerned as the team list does (« Sami (Telegram 503) »)."""
    who, words = who_did(entry.actor, team), t(action_words(entry.action))
    if not names_member(entry):
        return who, words
    detail = entry.detail or {}
    concerned = detail.get("telegram_id")
    member = team.get(int(str(concerned)))
    name = contained(named(member)) if member is not None else telegram_number(concerned)
    given = detail.get("role")
    role = ROLE_NAMES[given] if isinstance(given, str) and is_role(given) else str(given or "?")
    if entry.actor.startswith(INVITED):
        return name, t(JOINED.bind(role=role, inviter=who_did(entry.actor.removeprefix(INVITED), team)))
    return who, t((GAVE_ROLE if entry.action == "grant_role" else TOOK_ROLE).bind(role=role, member=name))


def names_member(entry: AuditEntry) -> bool:
    """Whether `said` tells the whole of an audit row (a role given, taken, or joined with an invitation): its words
    name the staff member and the role, the row's detail has nothing more to say."""
    concerned = (entry.detail or {}).get("telegram_id")
    return entry.action in ("grant_role", "revoke_role") and str(concerned).isdigit()


def who_did(actor: str, team: dict[int, StaffMember]) -> str:
    """An audit row's actor: a staff member as colleagues read them (the team's name), anything else as stored; a
    name with direction overrides keeps them inside it (`dialogs/bidi.py`)."""
    number = actor.removeprefix("telegram:")
    member = team.get(int(number)) if actor.startswith("telegram:") and number.isdigit() else None
    return contained(colleague(member) if member is not None else actor)
