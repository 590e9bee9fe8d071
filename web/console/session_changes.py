"""Changing a session from the console: edit its texts, place and seats, move it, cancel it; people are told.

Each page checks that the staff member follows the session (`session_overview` asks `check_follows`) and that
the session is still on (scheduled, not over).
"""

from __future__ import annotations

from pydantic import ValidationError
from starlette.responses import Response
from starlette.routing import Route

from faire_lien.core.quiet import QuietHours, quiet_hours
from faire_lien.sessions import texts
from faire_lien.sessions.service import EditRefusedError, Overview, cancel_session, edit_session, move_session
from faire_lien.sessions.spec import NOW, MeetingSpec
from faire_lien.sessions.timing import PeopleWelcomedError, held_in_part
from web.console import flash
from web.console.i18n import N_
from web.console.pages import Page, RefusedError, page
from web.console.session_form import (
    CHANGED_MEANWHILE,
    EDIT_PAGE,
    MINIMUM_TOO_LATE,
    MOVE_PAGE,
    SEATS_TAKEN,
    SessionForm,
    form_errors,
    links,
)
from web.console.session_publish import languages, translated
from web.console.session_views import changeable, name_of, overview, short_when

NOT_CHANGEABLE = N_("Cette rencontre est annulée ou terminée : elle ne peut plus être modifiée, déplacée ni annulée.")
WELCOMED = N_(
    "Des personnes ont été marquées présentes à cette rencontre : elle a lieu, et ne peut plus être déplacée ni "
    "annulée. Si une présence a été notée par erreur, corrigez-la d'abord dans la liste des personnes."
)


async def still_on(current: Page) -> Overview:
    """The session of the path, followed by the staff member, still scheduled and not over (else a clear refusal)."""
    found = await overview(current)
    if not changeable(current, found.meeting):
        raise RefusedError(NOT_CHANGEABLE, 409)
    return found


async def to_reschedule(current: Page) -> Overview:
    """The session of the path, still on and not under way with someone marked present: it may be moved or cancelled."""
    found = await still_on(current)
    if held_in_part(found.meeting, found.present, current.now):
        raise RefusedError(WELCOMED, 409)
    return found


def quiet(current: Page) -> QuietHours:
    """The quiet hours configured: a change to a session starting before they end is told at night too."""
    return quiet_hours(current.console.settings)


def form_page(
    current: Page,
    template: str,
    found: Overview,
    form: SessionForm,
    errors: dict[str, str] | None = None,
    status: int = 200,
    fields: tuple[str, ...] = (),
    **extra: object,
) -> Response:
    """A change form of a session (edit or move), with what was typed and each problem next to its field (the
    summary's links lead to the `fields` the page shows, titles and descriptions per bot language included)."""
    meeting = found.meeting
    return current.render(
        template,
        status=status,
        meeting=meeting,
        found=found,
        when=short_when(meeting, current.t),
        form=form,
        errors=errors or {},
        links=links(errors or {}, fields, current.console.languages),
        **extra,
    )


def edit_form(
    current: Page, found: Overview, form: SessionForm, errors: dict[str, str] | None = None, status: int = 200
) -> Response:
    """The edit form of a session: its texts in each language, place, seats and minimum group.

    It carries the session's values as they are now, so that saving finds what someone else changed since.
    """
    spoken = languages(current, found.meeting.languages)
    seen = SessionForm.of(found.meeting).seen()
    return form_page(
        current,
        "sessions/edit.html",
        found,
        form,
        errors,
        status,
        EDIT_PAGE,
        languages=languages(current),
        spoken=spoken,
        seen=seen,
    )


def changed_meanwhile(current: Page, found: Overview) -> dict[str, str]:
    """What someone else changed since this edit form was opened, with its value now, by field (nothing: none)."""
    changed = SessionForm.of(found.meeting).changed_since(current.field("seen"))
    return {
        name: current.text(CHANGED_MEANWHILE, now=", ".join(map(name_of, now)) if isinstance(now, list) else now)
        for name, now in changed.items()
    }


@page("follow")
async def edit_page(current: Page) -> Response:
    """The session's texts, place, seats and minimum group, ready to change."""
    found = await still_on(current)
    return edit_form(current, found, SessionForm.of(found.meeting))


@page("follow")
async def save_edit(current: Page) -> Response:
    """Save the changes: new seats offered to people waiting, a new place told to everyone."""
    found = await still_on(current)
    meeting = found.meeting
    bot_languages = current.console.languages
    form = SessionForm.read(current.form, bot_languages, meeting.languages)
    if meanwhile := changed_meanwhile(current, found):
        return edit_form(current, found, form, meanwhile, 409)
    changes = form.texts()
    kept = {code: text for code, text in meeting.title.items() if code not in bot_languages}
    changes["title"] = {**kept, **form.per_language("title")}
    kept = {code: text for code, text in meeting.description.items() if code not in bot_languages}
    changes["description"] = {**kept, **form.per_language("description")}
    try:
        edited = await edit_session(current.session, meeting.id, changes, current.staff, current.now, quiet(current))
    except ValidationError as error:
        return edit_form(current, found, form, translated(current, form_errors(error)), 400)
    except EditRefusedError as refused:
        problem = (
            {"capacity": current.text(SEATS_TAKEN, taken=refused.taken)}
            if refused.reason == "seats_taken"
            else {"min_size": current.text(MINIMUM_TOO_LATE)}
        )
        return edit_form(current, found, form, problem, 400)
    if edited is None:
        raise RefusedError(NOT_CHANGEABLE, 409)
    said = [flash.said(N_("Les modifications sont enregistrées."))]
    if edited.offered:
        said.append(
            flash.counted(
                "{n} personne en attente se voit proposer une place (24 heures pour la prendre).",
                "{n} personnes en attente se voient proposer une place (24 heures pour la prendre).",
                edited.offered,
            )
        )
    if edited.relocated:
        said.append(
            flash.counted(
                "{n} personne sera prévenue du nouveau lieu, dans sa langue.",
                "{n} personnes seront prévenues du nouveau lieu, dans leur langue.",
                edited.relocated,
            )
        )
    if edited.confirmed:
        said.append(
            flash.counted(
                "{n} personne inscrite sera prévenue que la date est confirmée.",
                "{n} personnes inscrites seront prévenues que la date est confirmée.",
                edited.confirmed,
            )
        )
    return current.redirect(f"/sessions/{meeting.id}", flash=said)


def move_form(
    current: Page, found: Overview, form: SessionForm, errors: dict[str, str] | None = None, status: int = 200
) -> Response:
    """The new date and times of a session, with how many people will be told."""
    return form_page(current, "sessions/move.html", found, form, errors, status, MOVE_PAGE)


@page("follow")
async def move_page(current: Page) -> Response:
    """The session's date and times (Paris time), ready to change."""
    found = await to_reschedule(current)
    return move_form(current, found, SessionForm.of(found.meeting))


@page("follow")
async def save_move(current: Page) -> Response:
    """Move the session: reminders follow, everyone registered or waiting is told in their language."""
    found = await to_reschedule(current)
    form = SessionForm.of(found.meeting)
    for name in ("day", "start", "end"):
        form.values[name] = current.field(name)
    try:
        spec = MeetingSpec.model_validate(form.spec_input(), context={NOW: current.now})  # to come, within two years
    except ValidationError as error:
        return move_form(current, found, form, translated(current, form_errors(error)), 400)
    try:
        told = await move_session(
            current.session, found.meeting.id, spec.start, spec.end, current.staff, current.now, quiet(current)
        )
    except PeopleWelcomedError:  # someone was marked present since the page was checked
        raise RefusedError(WELCOMED, 409) from None
    if told is None:
        raise RefusedError(NOT_CHANGEABLE, 409)
    moved = flash.counted(
        "La rencontre est déplacée : {n} personne sera prévenue dans sa langue.",
        "La rencontre est déplacée : {n} personnes seront prévenues dans leur langue.",
        told,
    )
    return current.redirect(f"/sessions/{found.meeting.id}", flash=moved)


@page("follow")
async def cancel_page(current: Page) -> Response:
    """Ask before cancelling, saying how many people will be told."""
    found = await to_reschedule(current)
    return current.render(
        "sessions/cancel.html",
        meeting=found.meeting,
        found=found,
        title=texts.title(found.meeting, current.t),  # in the console's language, as on the session's page
        when=short_when(found.meeting, current.t),
    )


@page("follow")
async def confirm_cancel(current: Page) -> Response:
    """Cancel the session: reminders dropped, everyone registered or waiting told in their language."""
    found = await to_reschedule(current)
    try:
        told = await cancel_session(current.session, found.meeting.id, current.staff, current.now, quiet(current))
    except PeopleWelcomedError:  # someone was marked present since the page was checked
        raise RefusedError(WELCOMED, 409) from None
    if told is None:
        raise RefusedError(NOT_CHANGEABLE, 409)
    cancelled = flash.counted(
        "La rencontre est annulée : {n} personne sera prévenue dans sa langue.",
        "La rencontre est annulée : {n} personnes seront prévenues dans leur langue.",
        told,
    )
    return current.redirect(f"/sessions/{found.meeting.id}", flash=cancelled)


ROUTES = [
    Route("/sessions/{meeting_id:id}/edit", edit_page, methods=["GET"]),
    Route("/sessions/{meeting_id:id}/edit", save_edit, methods=["POST"]),
    Route("/sessions/{meeting_id:id}/move", move_page, methods=["GET"]),
    Route("/sessions/{meeting_id:id}/move", save_move, methods=["POST"]),
    Route("/sessions/{meeting_id:id}/cancel", cancel_page, methods=["GET"]),
    Route("/sessions/{meeting_id:id}/cancel", confirm_cancel, methods=["POST"]),
]
