"""A session's printable A4 poster, with the QR code that opens the bot on it (no personal data: not audited)."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from faire_lien.core.links import session_start_link
from faire_lien.sessions.poster import poster
from web.console.i18n import N_
from web.console.pages import Page, RefusedError, page
from web.console.session_views import overview

CANCELLED = N_("Cette rencontre est annulée : elle n'a plus d'affiche.")


@page("follow")
async def poster_pdf(current: Page) -> Response:
    """The poster as a PDF download; a page saying what is missing when the bot's username is not configured."""
    found = await overview(current)
    meeting = found.meeting
    if meeting.status == "cancelled":
        raise RefusedError(CANCELLED, 409)
    username = current.console.settings.telegram_bot_username
    if not username:
        return current.render("sessions/poster_missing.html", status=409, meeting=meeting)
    document = poster(meeting, session_start_link(username, meeting.id))
    return Response(
        document,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="affiche-rencontre-{meeting.id}.pdf"'},
    )


ROUTES = [Route("/sessions/{meeting_id:id}/poster.pdf", poster_pdf, methods=["GET"])]
