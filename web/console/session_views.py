"""What the Sessions pages share: a session as a line of the list, its status, the session of a page's path."""

from __future__ import annotations

from dataclasses import dataclass

from babel import UnknownLocaleError

from dialogs.i18n import Translator, cldr_locale, language_name
from faire_lien.sessions import texts
from faire_lien.sessions.service import Overview, session_overview
from faire_lien.sessions.timing import is_over
from storage.models import Meeting
from web.console.i18n import N_
from web.console.pages import NotFoundError, Page


@dataclass(frozen=True)
class Row:
    """One session as a line of the list."""

    id: int
    title: str
    kind: str
    when: str
    place: str
    taken: int
    capacity: int
    waiting: int
    status: str


def short_when(meeting: Meeting, t: Translator) -> str:
    """ "1er déc. 2026 · 14:00–16:00", Paris time, in the console's language."""
    start, end = texts.local_time(meeting.starts_at), texts.local_time(meeting.ends_at)
    return f"{t.date(start.date(), 'medium')} · {t.time(start)}–{t.time(end)}"


def status(current: Page, meeting: Meeting) -> str:
    """Cancelled, over, under way, waiting for its minimum group, confirmed, or simply planned."""
    if meeting.status == "cancelled":
        return current.text(N_("Annulée"))
    if meeting.ends_at <= current.now:
        return current.text(N_("Terminée"))
    if meeting.starts_at <= current.now:
        return current.text(N_("En cours"))
    if meeting.min_size is not None and meeting.confirmed_at is None:
        return current.text(N_("À confirmer : groupe minimum de {n}"), n=meeting.min_size)
    if meeting.min_size is not None:
        return current.text(N_("Confirmée : assez de personnes inscrites"))
    return current.text(N_("Prévue"))


def row(current: Page, meeting: Meeting, waiting: int) -> Row:
    """A session's line, its title in the console's language (else French)."""
    t = current.t
    kind = t(texts.kind_name(meeting.kind))
    return Row(
        meeting.id,
        texts.title(meeting, t),
        kind,
        short_when(meeting, t),
        meeting.place,
        meeting.taken,
        meeting.capacity,
        waiting,
        status(current, meeting),
    )


def direction(code: str) -> str:
    """ "rtl" for a language written right to left, else "ltr" (for `dir` attributes)."""
    try:
        return "rtl" if cldr_locale(code).character_order == "right-to-left" else "ltr"
    except (UnknownLocaleError, ValueError):
        return "ltr"


def name_of(code: str) -> str:
    """A language's name in its own script, or its code when unknown."""
    try:
        return language_name(code)
    except (UnknownLocaleError, ValueError):
        return code


async def overview(current: Page) -> Overview:
    """The session of the path, if the staff member follows it (403 otherwise, 404 when there is none)."""
    meeting_id = int(current.request.path_params["meeting_id"])
    found = await session_overview(current.session, meeting_id, current.staff)
    if found is None:
        raise NotFoundError(N_("Cette rencontre n'existe pas."))
    return found


def changeable(current: Page, meeting: Meeting) -> bool:
    """Whether the session can still be edited, moved or cancelled: scheduled and not over."""
    return meeting.status == "scheduled" and not is_over(meeting, current.now)
