"""The satisfaction poll of a session: send it to the people marked present once the session has ended, then
follow how many were invited, are still in the send queue, were reached, answered or could not be reached (counts
only, nobody named).

Sending again invites only people marked present since: nobody is asked twice (one invitation per person,
survey and session). The survey is the hot evaluation, as in the bot's /staff screens and `sessions poll`.
"""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from faire_lien.sessions.timing import PollNotOpenError, poll_open, poll_opens
from faire_lien.surveys.invitations import HOT
from faire_lien.surveys.results import MIN_GROUP
from faire_lien.surveys.service import poll_follow_up, send_poll
from faire_lien.surveys.waiting import goes_out
from web.console.flash import Said, counted, said
from web.console.i18n import N_
from web.console.meeting_heading import day_and_time, heading, too_early
from web.console.pages import NotFoundError, Page, page
from web.console.session_changes import quiet

TOO_EARLY = N_("L'avis ne peut être envoyé qu'après la fin de la rencontre : à {time} ({day}).")
NOBODY_PRESENT = N_("Personne n'est marqué·e présent·e : aucun avis envoyé. Notez d'abord les présences.")


@page("follow")
async def show_poll(current: Page) -> Response:
    """The poll of one session: which survey, whether it can be sent yet, and how it is going."""
    return await _poll_page(current)


@page("follow")
async def send(current: Page) -> Response:
    """Send the poll to everyone marked present not asked yet; the page says to how many (or that all were)."""
    meeting_id = _meeting_id(current)
    try:
        queued = await send_poll(current.session, meeting_id, HOT, current.staff, current.now)
    except PollNotOpenError as early:
        return await _poll_page(current, error=too_early(current, TOO_EARLY, early.opens_at), status=409)
    if queued is None:
        raise NotFoundError
    return current.redirect(f"/sessions/{meeting_id}/poll", flash=await _sent(current, meeting_id, queued))


async def _sent(current: Page, meeting_id: int, queued: int) -> Said:
    """What sending did: for how many people it was queued (the send queue delivers it, when quiet hours end if
    they hold it), or that everyone present was already invited, or that nobody is present."""
    later = goes_out(quiet(current), current.now)
    if queued and later is not None:
        return counted(
            "Avis mis en file d'attente pour {n} personne présente : heures calmes, il partira le {day} à {time}.",
            "Avis mis en file d'attente pour {n} personnes présentes : heures calmes, il partira le {day} à {time}.",
            queued,
            **day_and_time(current, later),
        )
    if queued:
        return counted(
            "Avis mis en file d'attente pour {n} personne présente, envoi en cours.",
            "Avis mis en file d'attente pour {n} personnes présentes, envoi en cours.",
            queued,
        )
    follow_up = await poll_follow_up(current.session, meeting_id, HOT, current.staff)
    invited = follow_up.progress.invited if follow_up is not None else 0
    if not invited:
        return said(NOBODY_PRESENT)
    return counted(
        "Déjà {n} personne invitée : personne de plus à inviter.",
        "Déjà {n} personnes invitées : personne de plus à inviter.",
        invited,
    )


async def _poll_page(current: Page, error: str | None = None, status: int = 200) -> Response:
    """The poll page, with an error above it when sending was refused."""
    follow_up = await poll_follow_up(current.session, _meeting_id(current), HOT, current.staff)
    flow = current.console.flows.get(HOT)
    if follow_up is None or flow is None:
        raise NotFoundError
    meeting = follow_up.meeting
    return current.render(
        "poll.html",
        status=status,
        error=error,
        flow=flow,
        follow_up=follow_up,
        open=poll_open(meeting, current.now),
        min_group=MIN_GROUP,
        **heading(current, meeting, poll_opens(meeting)),
    )


def _meeting_id(current: Page) -> int:
    meeting_id = current.request.path_params["meeting_id"]
    assert isinstance(meeting_id, int)
    return meeting_id


ROUTES = [
    Route("/sessions/{meeting_id:id}/poll", show_poll, methods=["GET"]),
    Route("/sessions/{meeting_id:id}/poll", send, methods=["POST"]),
]
