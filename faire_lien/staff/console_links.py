"""One-time links to the staff console: from /console in the bot, the /staff menu, or the command line."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.reply import Reply
from dialogs.text import msg
from faire_lien import routes
from faire_lien.core.roles import Staff, staff
from faire_lien.core.screens import MENU_BUTTON
from faire_lien.core.turn import Turn
from storage import console

LINK_VALID = timedelta(minutes=10)
"""How long a sign-in link opens the console; it opens it once."""


async def sign_in_link(session: AsyncSession, staff: Staff, base_url: str, now: datetime) -> str:
    """A single-use address that signs this staff member in to the console within ten minutes."""
    token = await console.new_link(session, staff.member_id, staff.label, now, LINK_VALID)
    return f"{base_url.rstrip('/')}/login/{token}"


async def case_link(session: AsyncSession, staff: Staff, base_url: str, case_id: int, now: datetime) -> str:
    """A single-use sign-in address that opens this case's page in the console ("Open in the console")."""
    url = await sign_in_link(session, staff, base_url, now)
    return f"{url}?next={quote(f'/inbox/{case_id}', safe='/')}"


LINK_TEXT = msg(
    "🖥 Votre lien vers la console de l'équipe, valable 10 minutes et une seule fois :\n{url}\n\n"
    "Ouvrez-le sur l'ordinateur où vous travaillez ; ne le transférez à personne. "
    "Une fois connecté·e, la console reste ouverte tant que vous l'utilisez.",
    "staff",
)


async def console_screen(turn: Turn, base_url: str) -> list[Reply]:
    """/console (or the 🖥 button of /staff): a one-time sign-in link to the console, then the staff menu button."""
    who = await staff(turn)
    if who is None:  # routes and commands check the role first; a role taken away in between
        return []
    url = await sign_in_link(turn.session, who, base_url, turn.now)
    back = ((routes.STAFF_HOME.button(turn.t(BACK_TO_STAFF)),), (routes.MENU.button(turn.t(MENU_BUTTON), "main"),))
    return [Reply(turn.t(LINK_TEXT.bind(url=url)), back)]


BACK_TO_STAFF = msg("◀ Espace professionnels", "staff")
