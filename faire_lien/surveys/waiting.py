"""What a session's results say while its satisfaction poll has not gone out: that it waits in the send queue, when
it will go, or from when it can."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from dialogs.i18n import Translator
from dialogs.text import Msg, msg, plural
from faire_lien.core.quiet import QuietHours
from faire_lien.sessions import texts
from faire_lien.sessions.timing import poll_open, poll_opens
from faire_lien.surveys.service import MeetingResults

NOT_SENT = msg("L'avis n'a pas encore été envoyé : il n'y a pas encore de résultats.", "results")
WILL_GO = msg("L'avis n'a pas encore été envoyé : il partira à {time} ({day}).", "results")
AFTER_END = msg(
    "L'avis n'a pas encore été envoyé : il pourra l'être après la fin de la rencontre, à {time} ({day}).", "results"
)


def goes_out(quiet: QuietHours | None, now: datetime) -> datetime | None:
    """When an invitation queued now leaves the send queue: None for at once, else when quiet hours end."""
    return quiet.next_open(now) if quiet is not None and quiet.is_quiet(now) else None


def queued(n: int) -> Msg:
    """Instead of results while the poll's invitations wait in the send queue, none delivered yet."""
    return plural(
        "L'avis est en file d'attente pour {n} personne, envoi en cours : il ne lui a pas encore été remis, "
        "il n'y a pas encore de résultats.",
        "L'avis est en file d'attente pour {n} personnes, envoi en cours : il ne leur a pas encore été remis, "
        "il n'y a pas encore de résultats.",
        n,
        "results",
    )


def queued_overnight(n: int) -> Msg:
    """Instead of results while the poll's invitations wait in the send queue for quiet hours to end."""
    return plural(
        "L'avis est en file d'attente pour {n} personne : heures calmes, il partira à {time} ({day}) ; "
        "il n'y a pas encore de résultats.",
        "L'avis est en file d'attente pour {n} personnes : heures calmes, il partira à {time} ({day}) ; "
        "il n'y a pas encore de résultats.",
        n,
        "results",
    )


@dataclass(frozen=True)
class Pending:
    """Why a session's survey has no results yet: invitations due already wait in the send queue (`queued`, `count`
    of them), its first invitation waits for its time (`due`), the session is not over (`after_end`), or nobody
    sent it (`now`: staff may); `at` the moment the sentence names (`queued`: when quiet hours end, None: at once)."""

    state: Literal["queued", "due", "after_end", "now"]
    at: datetime | None = None
    count: int = 0


def pending(
    found: MeetingResults, now: datetime, *, waits_for_end: bool = True, quiet: QuietHours | None = None
) -> Pending | None:
    """None once the survey went out to someone; else why not yet (`waits_for_end`: it is sent after the session,
    as the satisfaction poll is; `quiet`: what is due waits for them to end). The bot and the console say it each in
    their own catalog."""
    if found.sent:
        return None
    if found.waiting and (found.due is None or found.due <= now):
        return Pending("queued", goes_out(quiet, now), found.waiting)
    if found.due is not None:
        return Pending("due", found.due)
    if waits_for_end and not poll_open(found.meeting, now):
        return Pending("after_end", poll_opens(found.meeting))
    return Pending("now")


@dataclass(frozen=True)
class NotSent:
    """Said instead of results while nobody was sent the poll, and whether staff may send it now."""

    text: str
    can_send: bool = False


def not_sent(found: MeetingResults, now: datetime, t: Translator, quiet: QuietHours | None = None) -> NotSent | None:
    """None once the poll went out to someone; else that it waits in the send queue, when it goes out (its first
    invitation waiting), from when it can be sent (the session not over yet), or that it was not sent (staff may
    send it now)."""
    why = pending(found, now, quiet=quiet)
    if why is None:
        return None
    if why.state == "queued":
        return NotSent(t(queued(why.count)) if why.at is None else _at(queued_overnight(why.count), why.at, t))
    if why.state == "now" or why.at is None:
        return NotSent(t(NOT_SENT), can_send=True)
    return NotSent(_at(WILL_GO if why.state == "due" else AFTER_END, why.at, t))


def _at(message: Msg, moment: datetime, t: Translator) -> str:
    """A sentence with a day and time in Paris, in the reader's words (« à 13:00 (mardi 24 novembre 2026) »)."""
    local = texts.local_time(moment)
    return t(message.bind(day=t.date(local.date(), "full"), time=t.time(local)))
