"""Check-in at the door: a session's roster by booking code, attendance marked from one screen or by typing a code.

The roster names nobody (the bot stores no names): each line is a booking code, when it was made, where the
person stands, and their attendance. Every view is an audited read of the roster. Check-in opens an hour
before the start (the sessions service refuses earlier); before that the roster is shown read-only.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.responses import Response
from starlette.routing import Route

from dialogs.digits import plain_number
from faire_lien.sessions.service import Roster, check_in_by_code, mark_roster, session_roster
from faire_lien.sessions.timing import CheckInNotOpenError, check_in_open, check_in_opens
from storage.models import Registration
from storage.statuses import Attendance, is_attendance
from web.console.flash import counted, said
from web.console.i18n import N_
from web.console.local_time import moment
from web.console.meeting_heading import heading, too_early
from web.console.pages import NotFoundError, Page, page

FIELD = "att-"
"""Each registered line's radio group is named `att-<registration number>`."""
CODE_SHOWN = 16
"""A typed code is echoed back at most this long."""

TOO_EARLY = N_("Le pointage ouvre à {time} ({day}), une heure avant le début de la rencontre.")
PRESENT = N_("{code} : présent·e")
NO_SUCH_CODE = N_("{code} : aucune inscription avec ce code pour cette rencontre.")
NO_CODE = N_("Tapez le code de réservation que la personne vous montre.")
WAITING = N_("{code} : cette personne est sur la liste d'attente, sans place : elle n'est pas marquée.")
OFFERED = N_("{code} : une place est proposée à cette personne, qui ne l'a pas encore prise : elle n'est pas marquée.")
CANCELLED = N_("{code} : cette inscription est annulée : elle n'est pas marquée.")
NOTHING_CHANGED = N_("Aucun changement à enregistrer.")


@dataclass(frozen=True)
class Line:
    """One line of the roster as the page shows it (no name)."""

    registration_id: int
    code: str
    registered_at: str
    """Date and time of the registration, Paris time."""
    status: str
    position: int | None
    """Place on the waiting list (1 for the first person waiting)."""
    attendance: Attendance | None

    @property
    def field(self) -> str:
        """The name of this line's radio group."""
        return f"{FIELD}{self.registration_id}"


@page("follow")
async def show_roster(current: Page) -> Response:
    """The roster of one session with its check-in forms (read-only until an hour before the start)."""
    return await _roster_page(current)


@page("follow")
async def check_in_code(current: Page) -> Response:
    """Mark present the person whose booking code was typed; the page says whose code it was, or why not."""
    meeting_id = _meeting_id(current)
    typed = "".join(current.field("code").split()).upper()[:CODE_SHOWN]
    if not typed:
        return await _roster_page(current, error=current.text(NO_CODE), status=422)
    try:
        found = await check_in_by_code(current.session, meeting_id, typed, current.staff, current.now)
    except CheckInNotOpenError as early:
        return await _roster_page(current, error=_too_early(current, early), status=409)
    if found is None:
        return await _roster_page(current, error=current.text(NO_SUCH_CODE, code=typed), status=422)
    if found.status != "registered":
        return await _roster_page(current, error=_not_marked(current, found, typed), status=422)
    return current.redirect(_path(meeting_id), flash=said(PRESENT, code=typed))


@page("follow")
async def save_marks(current: Page) -> Response:
    """Save the attendance chosen on every line of the one-screen form."""
    meeting_id = _meeting_id(current)
    marks: dict[int, Attendance] = {}
    for name, value in current.form.multi_items() if current.form is not None else []:
        number = plain_number(name.removeprefix(FIELD), longest=12)
        if name.startswith(FIELD) and number is not None and isinstance(value, str) and is_attendance(value):
            marks[number] = value
    try:
        changed = await mark_roster(current.session, meeting_id, marks, current.staff, current.now)
    except CheckInNotOpenError as early:
        return await _roster_page(current, error=_too_early(current, early), status=409)
    if changed is None:
        raise NotFoundError
    saved = (
        counted("{n} présence enregistrée.", "{n} présences enregistrées.", changed)
        if changed
        else said(NOTHING_CHANGED)
    )
    return current.redirect(_path(meeting_id), flash=saved)


async def _roster_page(current: Page, error: str | None = None, status: int = 200) -> Response:
    """The roster page (an audited read), with an error above it when a form was refused."""
    found = await session_roster(current.session, _meeting_id(current), current.staff, current.now, via="console")
    if found is None:
        raise NotFoundError
    meeting = found.meeting
    return current.render(
        "roster.html",
        status=status,
        error=error,
        lines=_lines(current, found),
        roster=found,
        open=check_in_open(meeting, current.now),
        **heading(current, meeting, check_in_opens(meeting)),
    )


def _lines(current: Page, roster: Roster) -> list[Line]:
    """Registered people first, then offered seats and the waiting list in order, with waiting-list places."""
    lines: list[Line] = []
    waiting = 0
    for roster_line in roster.lines:
        r = roster_line.registration
        waiting += r.status == "waiting"
        lines.append(
            Line(
                registration_id=r.id,
                code=r.code or "—",
                registered_at=moment(r.created_at, current.language),
                status=r.status,
                position=waiting if r.status == "waiting" else None,
                attendance=r.attendance,
            )
        )
    return lines


def _not_marked(current: Page, registration: Registration, typed: str) -> str:
    """Why the person with this code was not marked present: waiting (the roster shows their place), offered a
    seat, or cancelled."""
    if registration.status == "waiting":
        return current.text(WAITING, code=typed)
    if registration.status == "offered":
        return current.text(OFFERED, code=typed)
    return current.text(CANCELLED, code=typed)


def _too_early(current: Page, early: CheckInNotOpenError) -> str:
    """When check-in opens, Paris time, in the console's language."""
    return too_early(current, TOO_EARLY, early.opens_at)


def _meeting_id(current: Page) -> int:
    meeting_id = current.request.path_params["meeting_id"]
    assert isinstance(meeting_id, int)
    return meeting_id


def _path(meeting_id: int) -> str:
    return f"/sessions/{meeting_id}/roster"


ROUTES = [
    Route("/sessions/{meeting_id:id}/roster", show_roster, methods=["GET"]),
    Route("/sessions/{meeting_id:id}/roster/code", check_in_code, methods=["POST"]),
    Route("/sessions/{meeting_id:id}/roster/marks", save_marks, methods=["POST"]),
]
