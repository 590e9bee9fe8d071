"""How a meeting reads in the person's language: its kind, title, time, place and seats."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from urllib.parse import quote_plus

from dialogs.bidi import contained, shortened
from dialogs.bilingual import BUTTON
from dialogs.dates import date_and_time
from dialogs.i18n import Translator
from dialogs.present import INFO
from dialogs.text import Languages, Msg, msg, plural
from storage.models import Meeting
from storage.types import PARIS

ANY_KIND = msg("Rencontre", "meeting")
KINDS: dict[str, Msg] = {
    "info_meeting": msg("Réunion d'information", "meeting"),
    "prev_emploi": msg("Atelier Prév'Emploi", "meeting"),
    "caregivers": msg("Groupe d'aide aux aidants", "meeting"),
    "expression": msg("Groupe d'expression", "meeting"),
    "prevention_course": msg("Parcours prévention santé", "meeting"),
    "checkup": msg("Examen de prévention en santé", "meeting"),
}
ENOUGH = msg("✅ Date confirmée : assez de personnes sont inscrites.", "meeting")
CHECKUP_PREPARATION = msg(
    "Venez à jeun pour la prise de sang (ni repas ni café le matin ; de l'eau, c'est possible). "
    "Apportez votre carte Vitale ou votre attestation de droits, une pièce d'identité, vos lunettes "
    "et la liste de vos médicaments.",
    "meeting",
)


def kind_name(kind: str) -> Msg:
    """The name of a kind of session ("Rencontre" for a kind staff added without a name)."""
    return KINDS.get(kind, ANY_KIND)


def title(meeting: Meeting, t: Translator) -> str:
    """The title in the reader's language, else in French."""
    return written_in(meeting.title, t)


def written_in(titles: Mapping[str, str], t: Translator) -> str:
    """A text staff wrote per language (a session's title): the reader's, else the French one, else any."""
    return titles.get(t.language) or titles.get("fr") or next(iter(titles.values()), "")


def description(meeting: Meeting, t: Translator) -> str:
    """The description in the reader's language, else in French (may be empty)."""
    return meeting.description.get(t.language) or meeting.description.get("fr", "")


def when(meeting: Meeting, t: Translator) -> str:
    """ "mardi 1er décembre 2026, 14:00–16:00" in the reader's locale, Paris time."""
    start = meeting.starts_at.astimezone(PARIS)
    end = meeting.ends_at.astimezone(PARIS)
    return date_and_time(t.date(start.date(), "full"), f"{t.time(start)}–{t.time(end)}", t.locale)


def short_when(meeting: Meeting, t: Translator) -> str:
    """ "1er déc. · 14:00" for buttons."""
    start = meeting.starts_at.astimezone(PARIS)
    return f"{t.date(start.date(), 'MMMd')} · {t.time(start)}"


def seats(meeting: Meeting, t: Translator) -> str:
    """Seats left, or that the waiting list is open (for someone not registered)."""
    left = meeting.capacity - meeting.taken
    if left <= 0:
        return t(msg("Complet : liste d'attente", "meeting"))
    return t(plural("{n} place libre", "{n} places libres", left, "meeting"))


def button(meeting: Meeting, t: Translator, *, place: bool) -> str:
    """A date to choose, on one phone button: "1er déc. · 14:00 — 2 places libres", "… — Liste d'attente" when full;
    with `place` (a list mixing places), the place instead of the seats, which the session's page gives:
    "1er déc. · 14:00 · CPAM Poitiers", a long place cut to fit."""
    start = short_when(meeting, t)
    if place:
        return shortened(f"{start} · {meeting.place}", BUTTON)
    # TRANSLATORS: on a session's button (at most 40 characters with the date): the session is full, choosing it
    # puts the person on its waiting list.
    state = t(msg("Liste d'attente", "meeting")) if meeting.taken >= meeting.capacity else seats(meeting, t)
    return shortened(f"{start} — {state}", BUTTON)


def gathering(needed: int) -> Msg:
    """The date waits for `needed` registrations."""
    return plural(
        "📣 Date à confirmer : le groupe se réunit dès {n} inscription.",
        "📣 Date à confirmer : le groupe se réunit dès {n} inscriptions.",
        needed,
        "meeting",
    )


def map_link(meeting: Meeting) -> str:
    """An OpenStreetMap search for the address."""
    return f"https://www.openstreetmap.org/search?query={quote_plus(meeting.address)}"


def details(meeting: Meeting, t: Translator, yours: str | None = None) -> str:
    """The whole card: kind, title, when, where, access, languages, seats, description.

    `yours` replaces the seats line for a person holding a registration ("you are registered", "n° 2 waiting").
    """
    lines = [f"📅 {t(kind_name(meeting.kind))} — {contained(title(meeting, t))}", when(meeting, t)]
    lines.append(t(msg("📍 {place}, {address}", "meeting", place=meeting.place, address=meeting.address)))
    if meeting.access_notes:
        lines.append(t(msg("♿ Accès : {notes}", "meeting", notes=meeting.access_notes)))
    if meeting.languages:
        lines.append(t(msg("🗣 Langues : {languages}", "meeting", languages=Languages(tuple(meeting.languages)))))
    lines.append(f"👥 {yours or seats(meeting, t)}")
    if meeting.min_size is not None:
        lines.append(t(gathering(meeting.min_size) if meeting.confirmed_at is None else ENOUGH))
    if meeting.kind == "checkup":
        lines.append(t.line(INFO, CHECKUP_PREPARATION))
    text = description(meeting, t)
    if text:
        lines.extend(["", contained(text)])
    return "\n".join(lines)


def local_time(moment: datetime) -> datetime:
    """A stored UTC time in Paris time."""
    return moment.astimezone(PARIS)
