"""Team pages for coordinators: the staff list, invitations (link and QR code), role changes, names, revoking."""

from __future__ import annotations

from typing import Any

import segno
from starlette.responses import Response
from starlette.routing import Route

from faire_lien.cases.policy import case_policy
from faire_lien.core.links import deep_link, invite_argument
from faire_lien.staff import management
from faire_lien.staff.management import TeamRefusedError
from storage import console, staff
from storage.models import StaffMember
from storage.statuses import ROLES, is_role
from web.console.audit_words import Names
from web.console.flash import said
from web.console.i18n import N_
from web.console.local_time import day, moment
from web.console.nav import ROLE_NAMES
from web.console.pages import NotFoundError, Page, page

REFUSALS = {
    management.ONESELF: N_(
        "Vous ne pouvez pas retirer ni changer votre propre rôle : demandez-le à une autre coordinatrice "
        "ou un autre coordinateur."
    ),
    management.LAST_COORDINATOR: N_(
        "C'est la dernière coordinatrice ou le dernier coordinateur : donnez d'abord ce rôle à quelqu'un d'autre, "
        "pour que l'équipe puisse toujours être gérée."
    ),
    management.TOO_LONG: N_("Le nom affiché a au plus 80 caractères."),
}
NO_ROLE = N_("Choisissez un rôle dans la liste.")
INVITED = N_("Invitation créée : transmettez le lien ou le code à la personne.")
ROLE_CHANGED = N_("Rôle changé : {who} est maintenant {role}.")
SAME_ROLE = N_("{who} avait déjà ce rôle.")
RENAMED = N_("Nom affiché enregistré.")
NAME_CLEARED = N_("Nom affiché retiré.")
REVOKED = N_("Rôle retiré : {who} ne fait plus partie de l'équipe et sa session de console est fermée.")


async def _names(current: Page) -> Names:
    members = {member.telegram_id: member for member in await staff.everyone(current.session)}
    return Names(current.text, current.language, members)


async def _member(current: Page) -> StaffMember:
    found = await console.member(current.session, int(current.request.path_params["member_id"]))
    if found is None:
        raise NotFoundError
    return found


async def _team_page(current: Page, error: str | None = None, status: int = 200) -> Response:
    names = await _names(current)
    rows = [
        {
            "member": member,
            "name": member.display_name,
            "role": current.text(ROLE_NAMES[member.role]),
            "added": day(member.added_at, current.language),
            "added_by": names.added_by(member.added_by),
            "yourself": member.id == current.staff.member_id,
        }
        for member in await staff.members(current.session)
    ]
    roles = [(role, current.text(ROLE_NAMES[role])) for role in ROLES]
    return current.render(
        "team.html", status=status, rows=rows, roles=roles, error=error, max_name=management.MAX_DISPLAY_NAME
    )


@page("team")
async def team(current: Page) -> Response:
    """Active staff: role, display name, added when and by whom; forms to invite, change a role, name, revoke."""
    return await _team_page(current)


@page("invite")
async def make_invite(current: Page) -> Response:
    """Create a single-use invitation for the chosen role, then show its link, QR code and expiry."""
    role = current.field("role")
    if not is_role(role):
        return await _team_page(current, current.text(NO_ROLE), 422)
    code = await management.make_invite(current.session, current.staff, role, current.now)
    return current.redirect(f"/team/invites/{code.id}", flash=said(INVITED))


@page("invite")
async def show_invite(current: Page) -> Response:
    """An invitation: its code, the /start text, the t.me link and its QR code when the bot's username is known."""
    code = await staff.invite_by_id(current.session, int(current.request.path_params["invite_id"]))
    if code is None:
        raise NotFoundError
    values: dict[str, Any] = {
        "code": code.code,
        "start": f"/start {invite_argument(code.code)}",
        "role": current.text(ROLE_NAMES[code.role]),
        "expires": moment(code.expires_at, current.language),
        "used": code.used_at is not None,
        "expired": code.expires_at <= current.now,
        "link": None,
        "qr": None,
    }
    bot = current.console.settings.telegram_bot_username
    if bot:
        link = deep_link(bot, invite_argument(code.code))
        values["link"] = link
        values["qr"] = segno.make(link, error="m").png_data_uri(scale=6, border=4)
    return current.render("invite.html", **values)


@page("team")
async def change_role(current: Page) -> Response:
    """Give a staff member another role (never oneself, never the last coordinator's)."""
    member = await _member(current)
    role = current.field("role")
    if not is_role(role):
        return await _team_page(current, current.text(NO_ROLE), 422)
    names = await _names(current)
    who = names.member_later(member.telegram_id)
    try:
        changed = await management.change_role(
            current.session, current.staff, member, role, current.now, case_policy(current.console.settings)
        )
    except TeamRefusedError as refused:
        return await _team_page(current, current.text(REFUSALS[refused.reason]), 409)
    if not changed:
        return current.redirect("/team", flash=said(SAME_ROLE, who=who))
    return current.redirect("/team", flash=said(ROLE_CHANGED, who=who, role=said(ROLE_NAMES[role])))


@page("team")
async def rename(current: Page) -> Response:
    """Set or clear how the console shows a staff member (80 characters at most)."""
    member = await _member(current)
    try:
        management.rename(current.session, current.staff, member, current.field("display_name"), current.now)
    except TeamRefusedError as refused:
        return await _team_page(current, current.text(REFUSALS[refused.reason]), 422)
    return current.redirect("/team", flash=said(RENAMED if member.display_name else NAME_CLEARED))


@page("team")
async def confirm_revoke(current: Page) -> Response:
    """Ask before taking a staff member's role away."""
    member = await _member(current)
    names = await _names(current)
    refusal = None
    if member.id == current.staff.member_id:
        refusal = current.text(REFUSALS[management.ONESELF])
    return current.render("team_revoke.html", member=member, who=names.member(member.telegram_id), refusal=refusal)


@page("team")
async def revoke(current: Page) -> Response:
    """Take the role away and sign the person out of the console at once."""
    member = await _member(current)
    who = (await _names(current)).member_later(member.telegram_id)
    try:
        await management.revoke(
            current.session, current.staff, member, current.now, case_policy(current.console.settings)
        )
    except TeamRefusedError as refused:
        return await _team_page(current, current.text(REFUSALS[refused.reason]), 409)
    return current.redirect("/team", flash=said(REVOKED, who=who))


ROUTES = [
    Route("/team", team, methods=["GET"]),
    Route("/team/invites", make_invite, methods=["POST"]),
    Route("/team/invites/{invite_id:id}", show_invite, methods=["GET"]),
    Route("/team/{member_id:id}/role", change_role, methods=["POST"]),
    Route("/team/{member_id:id}/name", rename, methods=["POST"]),
    Route("/team/{member_id:id}/revoke", confirm_revoke, methods=["GET"]),
    Route("/team/{member_id:id}/revoke", revoke, methods=["POST"]),
]
