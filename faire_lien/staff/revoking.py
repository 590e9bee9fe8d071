"""A coordinator takes a role away in the bot: a question first, then the team's rules (`staff.management.revoke`).

The question's « Oui » carries when the role was given: a role given again (or changed) after the question was
shown is not taken away by it; the coordinator sees the team as it is now instead.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dialogs.reply import Button, Reply
from dialogs.text import msg
from faire_lien import routes
from faire_lien.cases.policy import CasePolicy
from faire_lien.core.roles import staff
from faire_lien.core.turn import Turn
from faire_lien.staff import management
from faire_lien.staff.management import TeamRefusedError
from faire_lien.staff.names import colleague
from faire_lien.staff.team import ROLE_NAMES, back, team
from storage.models import StaffMember
from storage.staff import active_member

QUESTION = msg("Retirer le rôle de {who} ({role}) ?", "staff")
YES = msg("✅ Oui, retirer", "staff")
NO = msg("◀ Non, revenir à l'équipe", "staff")
BACK_TO_TEAM = msg("◀ Revenir à l'équipe", "staff")
REVOKED = msg("Rôle retiré.", "staff")
CHANGED = msg("L'équipe a changé depuis cette question : aucun rôle n'a été retiré. Voici l'équipe à jour.", "staff")
REFUSALS = {
    management.ONESELF: msg(
        "Vous ne pouvez pas retirer votre propre rôle : demandez-le à une autre coordinatrice "
        "ou un autre coordinateur.",
        "staff",
    ),
    management.LAST_COORDINATOR: msg(
        "C'est la dernière coordinatrice ou le dernier coordinateur : donnez d'abord ce rôle à quelqu'un d'autre, "
        "pour que l'équipe puisse toujours être gérée. Le rôle n'a pas été retiré.",
        "staff",
    ),
}
"""Why a role was not taken away (`TeamRefusedError.reason`); any other reason reads as `NOT_REVOKED`."""
NOT_REVOKED = msg("Le rôle n'a pas été retiré.", "staff")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def granted(member: StaffMember) -> int:
    """When a staff member got their current role, in milliseconds: what the question's « Oui » carries."""
    return (member.added_at - EPOCH) // timedelta(milliseconds=1)


async def ask(turn: Turn, telegram_id: int) -> list[Reply]:
    """« Retirer le rôle de X (role) ? » with « Oui, retirer » and the way back to the team; the team when X has no
    role any more (an old button)."""
    member = await active_member(turn.session, telegram_id)
    if member is None:
        return [Reply(turn.t(CHANGED)), *await team(turn)]
    question = turn.t(QUESTION.bind(who=colleague(member), role=ROLE_NAMES[member.role]))
    yes = routes.REVOKE_CONFIRM.button(turn.t(YES), telegram_id, granted(member))
    return [Reply(question, ((yes,), (routes.STAFF_TEAM.button(turn.t(NO)),)))]


async def confirm(turn: Turn, telegram_id: int, since: int, policy: CasePolicy) -> list[Reply]:
    """The role taken away (their console sessions ended, their cases back in the queue), then the team; the reason
    when the team's rules refuse it; the team as it is now when the role changed after the question."""
    member = await active_member(turn.session, telegram_id)
    if member is None or granted(member) != since:
        return [Reply(turn.t(CHANGED)), *await team(turn)]
    by = await staff(turn)
    assert by is not None  # the route checked the permission
    try:
        await management.revoke(turn.session, by, member, turn.now, policy)
    except TeamRefusedError as refused:
        return [Reply(turn.t(REFUSALS.get(refused.reason, NOT_REVOKED)), refusal_buttons(turn))]
    return [Reply(turn.t(REVOKED)), *await team(turn)]


def refusal_buttons(turn: Turn) -> tuple[tuple[Button, ...], ...]:
    """The way back after a refusal: the team, the staff menu, the main menu."""
    return ((routes.STAFF_TEAM.button(turn.t(BACK_TO_TEAM)),), *back(turn))
