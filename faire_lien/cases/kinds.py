"""Which staff roles handle each kind of case, and what each kind is called (data a social worker can read)."""

from __future__ import annotations

from dialogs.text import Msg, msg
from storage.statuses import CASE_KINDS, CaseKind, CaseOutcome, StaffRole

HANDLED_BY: dict[CaseKind, frozenset[StaffRole]] = {
    "callback": frozenset({"coordinator", "mediator"}),
    "help": frozenset({"coordinator", "mediator"}),
    "facilitator": frozenset({"coordinator", "facilitator"}),
    "undelivered": frozenset({"coordinator"}),
}
"""Who is told about a new case of each kind, may see it and may take it."""

CONVERSES: frozenset[CaseKind] = frozenset({"help"})
"""Kinds whose request tells the person « Vous pourrez lui écrire ici »: what they type while it is open reaches it,
before staff wrote too."""

CONVERSES_WHEN: dict[CaseKind, tuple[str, str]] = {
    "callback": ("channel", "telegram"),
    "facilitator": ("channel", "telegram"),
}
"""Kinds whose request promises a conversation when the person chose this answer (« Par message, ici »: staff will
write to them here), so that what they type while it is open reaches it, as for `CONVERSES`."""

ONE_OPEN: frozenset[CaseKind] = frozenset({"callback", "help", "facilitator"})
"""Requests a person has at most one open of each kind, whoever asks (the person, or a mediator for them): a second
one is refused, naming the open one and its promised time (an undelivered message opens one case per message)."""

REMINDED: frozenset[StaffRole] = frozenset({"coordinator"})
"""Who is reminded of a case nobody took in time."""

NAMES: dict[CaseKind, Msg] = {
    "callback": msg("demande de rappel", "case"),
    "help": msg("demande d'aide sur une question", "case"),
    "facilitator": msg("rencontre avec l'animatrice avant un groupe", "case"),
    "undelivered": msg("message non distribué", "case"),
}

OUTCOMES: dict[CaseOutcome, Msg] = {
    "helped": msg("la personne a été aidée", "case"),
    "referred": msg("orientée vers le bon service", "case"),
    "unreachable": msg("personne injoignable", "case"),
    "not_needed": msg("plus besoin", "case"),
    "withdrawn": msg("annulée par la personne", "case"),
    "forgotten": msg("effacée", "case"),
}
"""How a case ended, as staff read it."""

STAFF_OUTCOMES: tuple[CaseOutcome, ...] = ("helped", "referred", "unreachable", "not_needed")
"""The outcomes a staff member closes a case with."""


def kinds_for(role: str | None) -> tuple[CaseKind, ...]:
    """The kinds of case this role handles (none without a role)."""
    return tuple(kind for kind in CASE_KINDS if role is not None and role in HANDLED_BY[kind])


def handles(role: str | None, kind: CaseKind) -> bool:
    """Whether this role may see and take this kind of case."""
    return role is not None and role in HANDLED_BY[kind]
