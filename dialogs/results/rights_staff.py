"""What professionals see under a rights-check card: out-of-date, unconfirmed and soon revalued values, with sources.

Only staff views show it (a mediator's card, the console): `StaffOnly` keeps it off the person's card.
Each value is named by its rule-table label, and its source note is given, both translated (context "rules"); the
notes keep their legal references (articles, decrees, dates) and links as the official texts write them.
"""

from __future__ import annotations

from dialogs.results.blocks import Section
from dialogs.rights import Report
from dialogs.rights.doubt import COMPARED
from dialogs.rights.table import Applied
from dialogs.text import Msg, msg

TITLE = msg("🔒 Pour les professionnels", "rights")
MARGIN = "uncertainty_margin_percent"
SITUATION_RULES = frozenset({"c2s_activity_income_cut", "c2s_training_pay_ended"})
"""Rules applied only because of a situation the household declared: staff see them, to ask for its proof."""


def staff_details(report: Report) -> Section | None:
    """The staff-only section, when there is something to check."""
    notes = [stale(a) for a in report.stale]
    notes.extend(unverified(a) for a in report.unverified)
    notes.extend(changing(a) for a in report.used if a.name in COMPARED and _changes(a, report))
    notes.extend(situation(a) for a in report.used if a.name in SITUATION_RULES)
    margin = next((a for a in report.used if a.name == MARGIN), None)
    if margin is not None and any(o.uncertain for o in report.outcomes):
        notes.append(
            msg(
                "Ressources proches d'un plafond calculé avec ces valeurs (écart de moins de {margin} %) : le "
                "résultat est affiché comme incertain.",
                "rights",
                margin=str(margin.value),
            )
        )
    return Section(TITLE, tuple(notes)) if notes else None


def label(applied: Applied) -> Msg:
    """The value's label from the rule table, in the reader's language."""
    return Msg(applied.description, "rules")


def source(applied: Applied) -> Msg:
    """The value's source note from the rule table, in the reader's language."""
    return Msg(applied.source, "rules")


def stale(applied: Applied) -> Msg:
    """A value applied although its revaluation is due."""
    return msg(
        "{label} : les valeurs en vigueur depuis le {since} ont été appliquées, celles du {missing} ne sont pas "
        "encore dans l'outil. Vérifiez le résultat avec le barème à jour.",
        "rights",
        label=label(applied),
        since=applied.since,
        missing=applied.stale_since or applied.since,
    )


def _changes(applied: Applied, report: Report) -> bool:
    return report.changes_on is not None and applied.next_since == report.changes_on and applied.stale_since is None


def changing(applied: Applied) -> Msg:
    """A value revalued soon after the check: a request made from that day is compared with the new one."""
    return msg(
        "{label} : les valeurs en vigueur depuis le {since} ont été appliquées ; elles changent le {next} : pour une "
        "demande faite à partir de cette date, vérifiez le résultat avec le nouveau barème.",
        "rights",
        label=label(applied),
        since=applied.since,
        next=applied.next_since or applied.since,
    )


def situation(applied: Applied) -> Msg:
    """A rule applied because of the situation declared (R861-8's cut), with its source and the proof to ask for."""
    return msg(
        "Appliqué selon la situation déclarée : {label} ({source} ; {href}). La demande devra en apporter la "
        "preuve (attestation de France Travail, d'ASS, d'arrêt de travail ou de stage de formation).",
        "rights",
        label=label(applied),
        source=source(applied),
        href=applied.href or "",
    )


def unverified(applied: Applied) -> Msg:
    """A value nobody has confirmed against the official text yet, with where to check it."""
    if applied.href is None:
        return msg("Valeur à confirmer : {label} ({source}).", "rights", label=label(applied), source=source(applied))
    return msg(
        "Valeur à confirmer : {label} ({source} ; {href}).",
        "rights",
        label=label(applied),
        source=source(applied),
        href=applied.href,
    )
