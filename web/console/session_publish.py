"""Publishing one session from the console: the form, a preview of what people will read in the bot, then publish."""

from __future__ import annotations

from pydantic import ValidationError
from starlette.responses import Response
from starlette.routing import Route

from dialogs.i18n import translator
from faire_lien.sessions import texts
from faire_lien.sessions.service import already_published, publish
from faire_lien.sessions.spec import MeetingInput
from storage.models import Meeting
from storage.statuses import MEETING_KINDS
from web.console.flash import said
from web.console.i18n import N_
from web.console.pages import Page, page
from web.console.session_form import NEW_PAGE, SessionForm, form_errors, links
from web.console.session_views import direction, name_of

PUBLISHED = N_("La rencontre est publiée : elle est proposée dans le bot dès maintenant.")
ALREADY_PUBLISHED = N_(
    "Cette rencontre était déjà publiée (même titre, même lieu, mêmes heures) : "
    "la voici, elle n'est pas publiée deux fois."
)


def kinds(current: Page) -> list[tuple[str, str]]:
    """Each kind of session with its name as the bot says it, in the console's language."""
    return [(kind, current.t(texts.kind_name(kind))) for kind in MEETING_KINDS]


def languages(current: Page, also: list[str] | None = None) -> list[tuple[str, str, str]]:
    """The bot's languages (and any other spoken at the session): code, own name, writing direction."""
    codes = list(dict.fromkeys([*current.console.languages, *(also or [])]))
    return [(code, name_of(code), direction(code)) for code in codes]


def show_form(current: Page, form: SessionForm, errors: dict[str, str] | None = None, *, status: int = 200) -> Response:
    """The new session form, with what was typed and each problem next to its field."""
    return current.render(
        "sessions/new.html",
        status=status,
        form=form,
        errors=errors or {},
        links=links(errors or {}, NEW_PAGE, current.console.languages),
        kinds=kinds(current),
        languages=languages(current),
    )


def translated(current: Page, errors: dict[str, str]) -> dict[str, str]:
    """Problems as msgids → in the console's language."""
    return {name: current.text(reason, field=name) for name, reason in errors.items()}


@page("publish")
async def new_session(current: Page) -> Response:
    """An empty form; French first, one title and description per bot language."""
    return show_form(current, SessionForm({"kind": MEETING_KINDS[0]}))


@page("publish")
async def submit_session(current: Page) -> Response:
    """Check the form: problems shown on it; else the preview; from the preview, publish or go back to the form."""
    form = SessionForm.read(current.form, current.console.languages)
    action = current.field("action")
    if action == "edit":
        return show_form(current, form)
    try:
        spec = MeetingInput.checked_at(form.spec_input(), current.now)  # a start passed or over two years: refused
    except ValidationError as error:
        return show_form(current, form, translated(current, form_errors(error)), status=400)
    if action == "publish":
        return await _publish(current, spec)
    wanted = current.field("preview_language")
    shown = wanted if wanted in current.console.languages else "fr"
    return current.render(
        "sessions/preview.html",
        form=form,
        card=texts.details(preview_meeting(spec, current), translator(shown)),
        shown=shown,
        shown_dir=direction(shown),
        languages=languages(current),
    )


async def _publish(current: Page, spec: MeetingInput) -> Response:
    """Publish the session and show it; one published already (the button pressed twice, a page sent again): show it."""
    if (published := await already_published(current.session, spec, current.staff, current.now)) is not None:
        return current.redirect(f"/sessions/{published}", flash=said(ALREADY_PUBLISHED))
    (meeting_id,) = await publish(current.session, [spec], current.staff, current.now)
    return current.redirect(f"/sessions/{meeting_id}", flash=said(PUBLISHED))


def preview_meeting(spec: MeetingInput, current: Page) -> Meeting:
    """The session as it would be once published (not saved): every seat free, not confirmed yet."""
    meeting = spec.to_meeting(current.staff.label, current.now)
    meeting.taken, meeting.confirmed_at, meeting.status = 0, None, "scheduled"
    return meeting


ROUTES = [
    Route("/sessions/new", new_session, methods=["GET"]),
    Route("/sessions/new", submit_session, methods=["POST"]),
]
