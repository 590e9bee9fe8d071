"""The console's menu: each page with the permission (from the bot's table) it needs; a role sees only its own."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.cases.kinds import kinds_for
from faire_lien.core.roles import may
from storage.cases import count_new
from web.console.i18n import N_


@dataclass(frozen=True)
class NavItem:
    """One entry of the menu."""

    path: str
    label: str
    """Console catalog msgid."""
    permission: str


ROLE_NAMES = {
    "coordinator": N_("coordination"),
    "facilitator": N_("animation de rencontres"),
    "mediator": N_("médiation"),
}
"""How the console names each role of the bot's permission table."""

NAV: list[NavItem] = [
    NavItem("/", N_("Accueil"), "menu"),
    NavItem("/inbox", N_("Demandes"), "cases"),
    NavItem("/sessions", N_("Rencontres"), "follow"),
    NavItem("/results", N_("Résultats"), "report"),
    NavItem("/report", N_("Rapport annuel"), "report"),
    NavItem("/grids", N_("Grilles"), "grids"),
    NavItem("/team", N_("Équipe"), "team"),
    NavItem("/team/audit", N_("Journal"), "audit"),
    NavItem("/health", N_("État du service"), "menu"),
]


def menu(role: str) -> list[NavItem]:
    """The entries this role may open."""
    return [item for item in NAV if may(role, item.permission)]


INBOX = "/inbox"


async def badges(session: AsyncSession, role: str) -> dict[str, int]:
    """Counts shown next to menu entries: the cases of this role's kinds that nobody has taken yet."""
    if not may(role, "cases"):
        return {}
    return {INBOX: await count_new(session, kinds_for(role))}
