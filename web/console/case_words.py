"""How the console names a case's kind, status, outcome, holder and promised answer time, for the list and the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from faire_lien.cases.kinds import NAMES, OUTCOMES
from storage.models import Case
from storage.statuses import CaseKind, CaseOutcome, CaseStatus
from web.console.i18n import N_
from web.console.local_time import moment
from web.console.pages import Page

STATUS_WORDS: dict[CaseStatus, str] = {
    "new": N_("Nouvelle : personne ne l'a prise"),
    "claimed": N_("Prise en charge"),
    "waiting": N_("En attente de la personne"),
    "closed": N_("Close"),
}
"""Where a case stands, in words."""
NOBODY = N_("personne")


def kind_name(current: Page, kind: CaseKind) -> str:
    """A kind of case as the bot names it, with a capital letter ("Demande de rappel")."""
    name = current.t(NAMES[kind])
    return name[:1].upper() + name[1:]


def outcome_name(current: Page, outcome: CaseOutcome | None) -> str:
    """How a case ended, as the bot names it (empty for an open case)."""
    return current.t(OUTCOMES[outcome]) if outcome is not None else ""


@dataclass(frozen=True)
class Due:
    """The answer the person was promised: by when, and whether that time has passed with no answer."""

    at: str
    overdue: bool
    answered: bool


def due(current: Page, case: Case, answered: bool) -> Due:
    """The promised answer time of a case; overdue when it is open, nobody wrote to the person and the time passed."""
    late = case.status != "closed" and not answered and case.due_at <= current.now
    return Due(moment(case.due_at, current.language), late, answered)


def when(current: Page, at: datetime | None) -> str:
    """A moment in Paris time, in the console's language (empty when none)."""
    return moment(at, current.language) if at is not None else ""
