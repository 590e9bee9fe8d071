"""The audit journal in words: one translated sentence per action, from its actor, the person and the detail.

"Marie (coordination) a consulté la liste des inscrits de la rencontre n° 12." Staff are named by their
display name (else their Telegram number) and role; people by their number only: no names exist.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dialogs.bidi import contained
from dialogs.i18n import translator
from faire_lien.cases.kinds import OUTCOMES
from faire_lien.sessions.texts import KINDS as SESSION_KINDS
from faire_lien.staff.names import colleague, telegram_number
from storage.models import AuditEntry, StaffMember
from web.console.flash import Said, said
from web.console.i18n import N_
from web.console.local_time import day, month
from web.console.nav import ROLE_NAMES

Text = Callable[[str], str]
"""A console text in the reader's language (the catalog's gettext)."""

WORDS: dict[str, str] = {
    "grant_role": N_("{who} a donné le rôle « {role} » à {member}."),
    "revoke_role": N_("{who} a retiré son rôle ({role}) à {member}."),
    "create_invite": N_("{who} a créé une invitation pour le rôle « {role} »."),
    "read_roster": N_("{who} a consulté la liste des inscrits de la rencontre n° {meeting}."),
    "mark_attendance": N_("{who} a noté « {attendance} » pour la réservation {booking}."),
    "read_survey_results": N_("{who} a consulté les résultats du questionnaire de la rencontre n° {meeting}."),
    "read_yearly_report": N_("{who} a consulté le rapport annuel {year}."),
    "read_grid_result": N_("{who} a consulté un résultat de la grille « {grid} » ({person})."),
    "read_callback_request": N_("{who} a consulté la demande de rappel n° {request} ({person})."),
    "read_failed_message": N_("{who} a consulté le message non remis n° {message} ({person})."),
    "retry_message": N_("{who} a renvoyé le message n° {message} ({person})."),
    "forget": N_("{who} a effacé ses données."),
    "purge": N_("{who} a anonymisé les données antérieures au {before} ; personnes concernées : {people}."),
    "assign_facilitator": N_("{who} a affecté {member} à la rencontre n° {meeting}."),
    "unassign_facilitator": N_("{who} a retiré {member} de la rencontre n° {meeting}."),
    "cancel_session": N_("{who} a annulé la rencontre n° {meeting} ; personnes prévenues : {told}."),
    "move_session": N_("{who} a déplacé la rencontre n° {meeting} ; personnes prévenues : {told}."),
    "rename_staff": N_("{who} a changé le nom affiché de {member}."),
    "export_survey_results": N_(
        "{who} a exporté ({format}) les résultats du questionnaire « {survey} » de la rencontre n° {meeting}."
    ),
    "export_yearly_report": N_("{who} a exporté ({format}) le rapport annuel {year}."),
    "export_survey_nothing": N_(
        "{who} a demandé un export ({format}) des résultats du questionnaire « {survey} » de la rencontre n° {meeting} "
        ": rien à exporter, aucun fichier donné."
    ),
    "act_on_behalf": N_("{who} a agi pour {person}, avec son accord ({offer})."),
    "read_case": N_("{who} a consulté la demande n° {case} ({person})."),
    "take_case": N_("{who} a pris la demande n° {case} ({person})."),
    "write_case": N_("{who} a écrit à la personne dans la demande n° {case} ({person})."),
    "close_case": N_("{who} a clos la demande n° {case} ({person}) : {outcome}."),
}
"""The sentence of each action (every `AuditAction`; a test checks none is missing)."""
VARIANTS: dict[str, str] = {
    "joined": N_("{member} a rejoint l'équipe ({role}) avec une invitation de {inviter}."),
    "survey_over_meetings": N_(
        "{who} a consulté les résultats du questionnaire « {survey} » de plusieurs rencontres (n° {meetings})."
    ),
    "survey_over_period": N_(
        "{who} a consulté les résultats du questionnaire « {survey} » des rencontres « {kind} » "
        "sur la période {first} – {last} "
        "({sessions} rencontres interrogées)."
    ),
    "cleared_name": N_("{who} a retiré le nom affiché de {member}."),
    "closed_for": N_(
        "{who} a clos la demande n° {case} ({person}), que tenait {member} : {outcome}. "
        "{member} en a été prévenu·e dans Telegram."
    ),
    "closed_for_untold": N_(
        "{who} a clos la demande n° {case} ({person}), que tenait {member} : {outcome}. "
        "{member} n'a pas pu en être prévenu·e dans Telegram."
    ),
    "export_over_period": N_(
        "{who} a exporté ({format}) les résultats du questionnaire « {survey} » des rencontres « {kind} » "
        "sur la période {first} – {last}."
    ),
    "nothing_over_period": N_(
        "{who} a demandé un export ({format}) des résultats du questionnaire « {survey} » des rencontres « {kind} » "
        "sur la période {first} – {last} : rien à exporter, aucun fichier donné."
    ),
}
"""Sentences for special cases of an action: a role taken with an invitation, a report over several meetings…"""
UNKNOWN = N_("{who} : action « {action} ».")
"""An action this version of the console does not know."""

ACTION_NAMES: dict[str, str] = {
    "grant_role": N_("Rôle donné"),
    "revoke_role": N_("Rôle retiré"),
    "create_invite": N_("Invitation créée"),
    "read_roster": N_("Liste des inscrits consultée"),
    "mark_attendance": N_("Présence notée"),
    "read_survey_results": N_("Résultats de questionnaire consultés"),
    "read_yearly_report": N_("Rapport annuel consulté"),
    "read_grid_result": N_("Résultat de grille consulté"),
    "read_callback_request": N_("Demande de rappel consultée"),
    "read_failed_message": N_("Message non remis consulté"),
    "retry_message": N_("Message renvoyé"),
    "forget": N_("Données effacées par la personne"),
    "purge": N_("Purge de conservation"),
    "assign_facilitator": N_("Affectation à une rencontre"),
    "unassign_facilitator": N_("Affectation retirée"),
    "cancel_session": N_("Rencontre annulée"),
    "move_session": N_("Rencontre déplacée"),
    "rename_staff": N_("Nom affiché changé"),
    "export_survey_results": N_("Résultats exportés"),
    "export_yearly_report": N_("Rapport annuel exporté"),
    "export_survey_nothing": N_("Export demandé, rien à exporter"),
    "act_on_behalf": N_("Action pour une personne"),
    "read_case": N_("Demande consultée"),
    "take_case": N_("Demande prise"),
    "write_case": N_("Message à une personne"),
    "close_case": N_("Demande close"),
}
"""Short names of the actions, for the journal's filter."""

OFFER_WORDS = {
    "session": N_("inscription à une rencontre"),
    "checkup": N_("inscription à un bilan de santé"),
    "callback": N_("demande de rappel"),
    "uncallback": N_("demande de rappel annulée"),
}
"""What a staff member did for someone (the `offer` of an `act_on_behalf` row)."""
ATTENDANCE_WORDS = {"present": N_("présent·e"), "absent": N_("absent·e"), "excused": N_("excusé·e")}

NAMED = N_("{name} ({role})")
"""A staff member: their display name, or Telegram number, and their role."""
SERVER = N_("{user} (serveur)")
"""The server's operator (command line, terminal chat, console opened from the server)."""
INVITED_BY = N_("invitation de {who}")
PERSON_NUMBER = N_("personne n° {number}")
"""Whom a read or an action was about: the journal must let a coordinator answer "who read this person's data",
so it keeps the person's number (the only page that shows it; nothing else in the console names a person)."""
PERSON_GONE = N_("personne effacée depuis")
BOOKING_GONE = N_("effacée depuis")
"""A registration whose booking code is no longer stored (erased, purged)."""
ACTORS = {
    "person": N_("Une personne"),
    "retention": N_("La purge automatique"),
    "outbox": N_("Le bot (message remis ensuite)"),
}
"""Actors that are not staff: a person, the retention job, the outbox closing a case once its message got through."""
SERVER_PREFIXES = ("console:", "terminal:")
COUNTS = ("people", "told", "sessions")
"""Details that count people or sessions: written as the reader's language writes numbers (not the numbers that
name something: a session's, a request's, a year)."""
STAFF_PREFIX = "telegram:"
INVITE_PREFIX = "invite:"


@dataclass(frozen=True)
class Names:
    """What the journal needs to name things: staff by Telegram id, grid titles, the reader's language."""

    text: Text
    language: str
    members: Mapping[int, StaffMember] = field(default_factory=dict)
    grids: Mapping[str, str] = field(default_factory=dict)
    bookings: Mapping[int, str] = field(default_factory=dict)
    """The booking code of each registration the journal's rows name (never its number in the database)."""

    def member(self, telegram_id: object) -> str:
        """A staff member by Telegram id: "Marie (coordination)", or their number and role when unnamed; a name with
        direction overrides keeps them inside it (`dialogs/bidi.py`)."""
        number = as_number(telegram_id)
        found = self.members.get(number) if number is not None else None
        if found is None:
            return telegram_number(telegram_id if telegram_id is not None else "?")
        return self.text(NAMED).format(name=contained(colleague(found)), role=self.text(ROLE_NAMES[found.role]))

    def member_later(self, telegram_id: object) -> Said | str:
        """A staff member named as `member` does, kept untranslated for a message shown on the next page."""
        number = as_number(telegram_id)
        found = self.members.get(number) if number is not None else None
        if found is None:
            return telegram_number(telegram_id if telegram_id is not None else "?")
        return said(NAMED, name=contained(colleague(found)), role=said(ROLE_NAMES[found.role]))

    def actor(self, actor: str) -> str:
        """Who did it: a staff member, the server's operator (the name they typed, its overrides kept inside it), a
        person, a job."""
        if actor.startswith(STAFF_PREFIX):
            return self.member(actor.removeprefix(STAFF_PREFIX))
        if actor in ACTORS:
            return self.text(ACTORS[actor])
        if actor.startswith(INVITE_PREFIX):
            return self.actor(actor.removeprefix(INVITE_PREFIX))
        for prefix in SERVER_PREFIXES:
            actor = actor.removeprefix(prefix)
        return self.text(SERVER).format(user=contained(actor))

    def added_by(self, actor: str) -> str:
        """Who gave a staff member their role: someone, or an invitation someone made."""
        if actor.startswith(INVITE_PREFIX):
            return self.text(INVITED_BY).format(who=self.actor(actor.removeprefix(INVITE_PREFIX)))
        return self.actor(actor)

    def role(self, role: object) -> str:
        """A role's name in the console's words."""
        return self.text(ROLE_NAMES[role]) if isinstance(role, str) and role in ROLE_NAMES else str(role)

    def action(self, action: str) -> str:
        """An action's short name (the filter's)."""
        return self.text(ACTION_NAMES[action]) if action in ACTION_NAMES else action


def sentence(entry: AuditEntry, names: Names) -> str:
    """What happened, in one sentence of the reader's language."""
    detail: dict[str, Any] = dict(entry.detail or {})
    values: dict[str, Any] = {
        **detail,
        "who": names.actor(entry.actor),
        "inviter": names.actor(entry.actor),
        "action": entry.action,
        "person": names.text(PERSON_NUMBER).format(number=entry.person_id)
        if entry.person_id is not None
        else names.text(PERSON_GONE),
        "member": names.member(detail.get("telegram_id", detail.get("holder"))),
        "role": names.role(detail.get("role")),
    }
    if "registration" in detail:
        values["booking"] = names.bookings.get(as_number(detail["registration"]) or 0) or names.text(BOOKING_GONE)
    if "attendance" in detail:
        values["attendance"] = names.text(ATTENDANCE_WORDS.get(str(detail["attendance"]), str(detail["attendance"])))
    if "grid" in detail:
        values["grid"] = names.grids.get(str(detail["grid"]), str(detail["grid"]))
    if isinstance(detail.get("offer"), str):
        values["offer"] = names.text(OFFER_WORDS.get(detail["offer"], detail["offer"]))
    if isinstance(detail.get("format"), str):
        values["format"] = detail["format"].upper()
    if "survey" in detail:
        values["survey"] = names.grids.get(str(detail["survey"]), str(detail["survey"]))
    if detail.get("kind") in SESSION_KINDS:
        values["kind"] = translator(names.language)(SESSION_KINDS[detail["kind"]])  # as the results page names it
    for bound in ("first", "last"):
        if bound in detail and detail[bound] is None:
            values[bound] = "…"  # a period open at that end
        elif isinstance(detail.get(bound), str):
            values[bound] = month(detail[bound], names.language)  # « mars 2026 », "March 2026"
    if isinstance(detail.get("meetings"), list):
        values["meetings"] = ", ".join(str(m) for m in detail["meetings"])
    if detail.get("outcome") in OUTCOMES:
        values["outcome"] = translator(names.language)(OUTCOMES[detail["outcome"]])
    if isinstance(detail.get("before"), str):
        values["before"] = _day(detail["before"], names.language)
    for count in COUNTS:
        if isinstance(detail.get(count), int) and not isinstance(detail[count], bool):
            values[count] = translator(names.language).format(detail[count])  # "1 234", "1,234"
    return names.text(_template(entry, detail)).format_map(_Missing(values))


def _template(entry: AuditEntry, detail: dict[str, Any]) -> str:
    if entry.action == "grant_role" and entry.actor.startswith(INVITE_PREFIX):
        return VARIANTS["joined"]
    if entry.action == "read_survey_results" and "meeting" not in detail and "meetings" in detail:
        return VARIANTS["survey_over_meetings"]
    if entry.action == "read_survey_results" and "meeting" not in detail and "kind" in detail:
        return VARIANTS["survey_over_period"]
    if entry.action == "export_survey_results" and "meeting" not in detail and "kind" in detail:
        return VARIANTS["export_over_period"]
    if entry.action == "export_survey_nothing" and "meeting" not in detail and "kind" in detail:
        return VARIANTS["nothing_over_period"]
    if entry.action == "close_case" and "holder" in detail:
        return VARIANTS["closed_for" if detail.get("holder_told") else "closed_for_untold"]
    if entry.action == "rename_staff" and detail.get("cleared"):
        return VARIANTS["cleared_name"]
    return WORDS.get(entry.action, UNKNOWN)


def as_number(value: object) -> int | None:
    """A number stored in an audit row's detail (None when it is not one)."""
    text = str(value) if value is not None else ""
    return int(text) if text.isdigit() else None


def _day(iso: str, language: str) -> str:
    try:
        return day(datetime.fromisoformat(iso), language)
    except ValueError:
        return iso


class _Missing(dict[str, Any]):
    """Values to fill a sentence; a value the row does not hold reads "?"."""

    def __missing__(self, key: str) -> str:
        return "?"
