"""One case: what the person chose to share, the check it follows, the conversation, and Take / Write / Close.

Every view calls the service's `read` (audited); a case of a kind the role does not handle is a 404.
Every action is a plain form: POST, then back to the case page (303) with a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from dialogs.bidi import contained
from dialogs.i18n import language_name
from faire_lien.cases import service
from faire_lien.cases.kinds import OUTCOMES, STAFF_OUTCOMES, handles
from faire_lien.cases.limits import MAX_TEXT, size
from faire_lien.cases.notify import held_until
from faire_lien.cases.service import CaseView, WriteResult
from faire_lien.cases.shared import flow_title, shared
from faire_lien.cases.texts import signature
from storage import cases as store
from storage.models import Case
from storage.people import get_person
from web.console.case_words import STATUS_WORDS, due, kind_name, outcome_name, when
from web.console.flash import Said, said
from web.console.i18n import N_
from web.console.meeting_heading import day_and_time
from web.console.pages import NotFoundError, Page, page
from web.console.session_changes import quiet

TAKEN = N_("Vous avez pris la demande n° {number} : vous seul·e pouvez maintenant y répondre.")
ALREADY_YOURS = N_("Vous aviez déjà pris la demande n° {number}.")
HELD = N_("{holder} a déjà pris la demande n° {number}.")
CLOSED_ALREADY = N_("La demande n° {number} est close.")
SENT = N_("Message envoyé : le bot le transmet à la personne dans Telegram.")
SENT_LATER = N_(
    "Message enregistré : heures calmes, le bot le transmettra à la personne le {day} à {time}, ou dès qu'elle écrira."
)
"""Written within quiet hours to someone who has not written in the last hour: the bot holds it until they end."""
WRITE_REFUSALS: dict[WriteResult, str] = {
    "empty": N_("Votre message est vide : écrivez-le avant de l'envoyer."),
    "too_long": N_(
        "Votre message est trop long : {length} caractères, {most} au plus (comme Telegram les compte, un emoji "
        "compte pour deux). Raccourcissez-le ou envoyez-le en plusieurs fois. Il n'a pas été envoyé."
    ),
    "not_holder": N_(
        "{holder} a pris cette demande et est seul·e à pouvoir écrire à la personne. Votre message n'a pas été envoyé."
    ),
    "closed": N_("Cette demande est close : votre message n'a pas été envoyé."),
    "no_chat": N_(
        "Cette personne n'écrit pas au bot (un médiateur a fait la demande pour elle) : appelez-la au numéro "
        "donné dans la demande. Votre message n'a pas été envoyé."
    ),
}
CLOSED = N_("Demande n° {number} close : {outcome}.")
CLOSE_NOT_HOLDER = N_(
    "{holder} a pris cette demande : elle ne peut être close que par {holder} "
    "ou par une coordinatrice ou un coordinateur."
)
NO_OUTCOME = N_("Choisissez une issue dans la liste.")
AUTHORS = {"person": N_("La personne"), "system": N_("Le service")}
CARD_ADDED = N_("Elle a ajouté à sa demande ses réponses au questionnaire « {flow} ».")
"""The conversation's line for a result card whose 📞 the person pressed while the request was open."""


@dataclass(frozen=True)
class Line:
    """One line of the conversation, as the page shows it."""

    author: str
    by_person: bool
    at: str
    text: str


def _case_id(current: Page) -> int:
    return int(current.request.path_params["case_id"])


async def _lines(current: Page, view: CaseView) -> list[Line]:
    """The conversation, oldest first, with a line where the person added a result card's answers."""
    shown: list[tuple[datetime, int, Line]] = []
    for line in view.lines:
        if line.author == "staff":
            member = await store.staff_member(current.session, line.staff_id)
            author = service.name_of(member, line.staff or "?")
        else:
            author = current.text(AUTHORS[line.author])
        shown.append((line.at, line.id, Line(author, line.author == "person", when(current, line.at), line.text)))
    for added in view.added:
        text = current.text(CARD_ADDED).format(flow=flow_title(current.console.flows, added.flow, current.t))
        shown.append((added.at, 0, Line(current.text(AUTHORS["system"]), False, when(current, added.at), text)))
    return [line for _, _, line in sorted(shown, key=lambda found: (found[0], found[1]))]


def _shared(current: Page, view: CaseView) -> dict[str, Any]:
    """What the person chose to share, as the feature decides it (`cases.shared`), for the template."""
    found = shared(view, current.console.flows, current.t)
    return {
        "request_title": found.request.title,
        "shared": found.request.rows,
        "question": found.question,
        "message_kind": found.message_kind,
        "message_number": found.message_number,
        "origin_title": found.origin.title if found.origin is not None else "",
        "origin": found.origin.rows if found.origin is not None else [],
        "added": [(added.title, when(current, added.at), added.rows) for added in found.added],
    }


async def _show(current: Page, *, error: str | None = None, typed: str = "", status: int = 200) -> Response:
    """The case page (a refused form shown again with its message and what was typed)."""
    view = await service.read(current.session, _case_id(current), current.staff, current.now, "console")
    if view is None:
        raise NotFoundError
    case = view.case
    mine = case.holder == current.staff.label
    is_open = case.status != "closed"
    written = await store.answered(current.session, [case.id])
    person = await get_person(current.session, case.person_id)
    blocked = person.blocked_at if person is not None else None
    values: dict[str, Any] = {
        "case": case,
        "kind": kind_name(current, case.kind),
        "person_language": language_name(case.language),
        "blocked": when(current, blocked),
        "state": current.text(STATUS_WORDS[case.status]),
        "received": when(current, case.created_at),
        "claimed": when(current, case.claimed_at),
        "closed": when(current, case.closed_at),
        "outcome": outcome_name(current, case.outcome),
        "due": due(current, case, case.id in written),
        "holder": view.holder,
        "mine": mine,
        "lines": await _lines(current, view),
        "may_take": case.status == "new",
        "may_write": is_open and (case.status == "new" or mine),
        "may_close": is_open and (case.holder is None or mine or current.staff.role == "coordinator"),
        "outcomes": [(outcome, current.t(OUTCOMES[outcome])) for outcome in STAFF_OUTCOMES],
        "error": error,
        "typed": typed,
        "most": MAX_TEXT,
        "signature": signature(current.member, current.t),
        "failed_messages": case.kind == "undelivered" and current.may("outbox"),
        **_shared(current, view),
    }
    return current.render("case.html", status=status, **values)


async def _case(current: Page) -> Case:
    """The case a form acts on; a 404 when missing or of a kind the role does not handle."""
    case = await store.get_case(current.session, _case_id(current))
    if case is None or not handles(current.staff.role, case.kind):
        raise NotFoundError
    return case


@page("cases")
async def show_case(current: Page) -> Response:
    """A case: kind, language, status, holder, promised answer time, what the person shared, the conversation."""
    return await _show(current)


@page("cases")
async def take_case(current: Page) -> Response:
    """Take the case; when someone was faster, the page says who holds it (their name's direction overrides kept
    inside it)."""
    number = _case_id(current)
    taken = await service.take(current.session, number, current.staff, current.now)
    if taken.result in ("missing", "gone"):
        raise NotFoundError
    flash = {
        "taken": said(TAKEN, number=str(number)),
        "yours": said(ALREADY_YOURS, number=str(number)),
        "held": said(HELD, holder=contained(taken.holder or "?"), number=str(number)),
        "closed": said(CLOSED_ALREADY, number=str(number)),
    }[taken.result]
    return current.redirect(f"/inbox/{number}", flash=flash)


@page("cases")
async def write_to_person(current: Page) -> Response:
    """Send a message to the person through the bot; a refusal keeps what was typed."""
    case = await _case(current)
    typed = current.form.get("text") if current.form is not None else None
    text = typed if isinstance(typed, str) else ""
    result = await service.write(current.session, case, current.staff, text, current.now)
    if result == "sent":
        return current.redirect(f"/inbox/{case.id}", flash=_sent(current, case))
    await current.session.refresh(case)  # someone else may have taken it a moment ago
    holder = await service.holder_name(current.session, case) or "?"
    error = current.text(WRITE_REFUSALS[result], holder=holder, length=size(text), most=MAX_TEXT)
    return await _show(current, error=error, typed=text, status=422 if result in ("empty", "too_long") else 409)


def _sent(current: Page, case: Case) -> Said:
    """Sent, or held by quiet hours until when (Paris time), sooner if the person writes."""
    later = held_until(case, current.now, quiet(current))
    return said(SENT) if later is None else said(SENT_LATER, **day_and_time(current, later))


@page("cases")
async def close_case(current: Page) -> Response:
    """Close the case with its outcome; the person is told and gets their menu back."""
    case = await _case(current)
    outcome = current.field("outcome")
    chosen = next((o for o in STAFF_OUTCOMES if o == outcome), None)
    if chosen is None:
        return await _show(current, error=current.text(NO_OUTCOME), status=422)
    result = await service.close(current.session, case, current.staff, chosen, current.now)
    if result == "already":
        return current.redirect(f"/inbox/{case.id}", flash=said(CLOSED_ALREADY, number=str(case.id)))
    if result == "not_holder":
        holder = await service.holder_name(current.session, case) or "?"
        return await _show(current, error=current.text(CLOSE_NOT_HOLDER, holder=holder), status=409)
    return current.redirect(f"/inbox/{case.id}", flash=said(CLOSED, number=str(case.id), outcome=OUTCOMES[chosen]))


ROUTES = [
    Route("/inbox/{case_id:id}", show_case, methods=["GET"]),
    Route("/inbox/{case_id:id}/take", take_case, methods=["POST"]),
    Route("/inbox/{case_id:id}/write", write_to_person, methods=["POST"]),
    Route("/inbox/{case_id:id}/close", close_case, methods=["POST"]),
]
