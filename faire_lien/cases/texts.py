"""Words shared by the person's and the staff's case screens: names, languages, times, who writes."""

from __future__ import annotations

from datetime import datetime

from dialogs.i18n import Translator, cldr_locale
from dialogs.steps.base import characters
from dialogs.text import Msg, msg
from faire_lien.cases.kinds import NAMES
from faire_lien.cases.limits import MAX_TEXT, size
from storage.models import Case, StaffMember
from storage.statuses import StaffRole
from storage.types import PARIS

TITLES: dict[StaffRole, Msg] = {
    "coordinator": msg("travailleur·se social·e", "case"),
    "mediator": msg("médiateur·rice en santé", "case"),
    "facilitator": msg("animateur·rice", "case"),
}
"""How a staff member is introduced to the person: "Message from Marie, social worker"."""

TEAM = msg("l'équipe", "case")
"""Who writes when the server's operator does (no staff row, no name)."""

TAKE = msg("✋ Je la prends", "case")
CONSOLE = msg("🖥 Ouvrir dans la console", "case")
CLOSE = msg("✅ Clore la demande", "case")
LEAVE = msg("↩️ Revenir au bot", "case")
CONTINUE = msg("▶️ Reprendre mon questionnaire", "case")
"""Button labels shared by the staff's screens, the person's screens and the messages the outbox sends."""


def too_long_refusal(text: str) -> Msg:
    """A message to or from staff above `limits.MAX_TEXT`, refused whole rather than cut: how long it counts and the
    most it may be, in characters as Telegram counts them (an emoji two), and to send it in two."""
    # TRANSLATORS: {written} and {most} are counts written with their noun by the message « {n} caractères »
    # (« 3 502 caractères »); Telegram counts an emoji, or some rare characters, as two.
    return msg(
        "Votre message compte {written}, c'est trop : {most} au plus (un emoji compte pour deux). "
        "Rien n'a été envoyé : coupez-le en deux messages, puis envoyez-les l'un après l'autre.",
        "case",
        written=characters(size(text)),
        most=characters(MAX_TEXT),
    )


FROM = msg("💬 Message de {name}, {title} :", "case")
FROM_TEAM = msg("💬 Message de l'équipe :", "case")


def kind_name(case: Case, t: Translator) -> str:
    """The kind of case, in words."""
    return t(NAMES[case.kind])


def language_in(code: str, t: Translator) -> str:
    """The name of a person's language in the reader's language, as written mid-sentence ("arabe", "Arabic")."""
    return cldr_locale(code).get_display_name(t.locale) or code


def known_as(member: StaffMember | None) -> str | None:
    """The display name the person is told (None: say "a person from the team", never a number)."""
    return None if member is None else member.display_name


def when(moment: datetime, t: Translator) -> str:
    """A stored time as the reader's locale writes a day and an hour, in Paris time."""
    local = moment.astimezone(PARIS)
    return f"{t.date(local.date(), 'MMMMEd')} {t.time(local)}"


def signature(member: StaffMember | None, t: Translator) -> str:
    """The header of a staff message the person receives: who wrote, and their role."""
    if member is None:
        return t(FROM_TEAM)
    if member.display_name:
        return t(FROM.bind(name=member.display_name, title=TITLES[member.role]))
    return t(msg("💬 Message de votre {title} :", "case", title=TITLES[member.role]))
