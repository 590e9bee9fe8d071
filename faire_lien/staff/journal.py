"""The audit journal's actions in words, for the bot's journal and the command line: « a consulté la liste… ».

Every action the code writes (`storage.statuses.AuditAction`) has words here and a sentence in the console's
`web/console/audit_words.py`; a test checks both lists against the actions the code writes.
"""

from __future__ import annotations

from dialogs.text import Msg, msg

ACTIONS: dict[str, Msg] = {
    "grant_role": msg("a donné un rôle dans l'équipe", "staff"),
    "revoke_role": msg("a retiré un rôle dans l'équipe", "staff"),
    "create_invite": msg("a créé une invitation", "staff"),
    "read_roster": msg("a consulté la liste des inscrits", "staff"),
    "mark_attendance": msg("a noté une présence", "staff"),
    "read_survey_results": msg("a consulté les résultats d'un questionnaire", "staff"),
    "read_yearly_report": msg("a consulté le rapport annuel", "staff"),
    "export_survey_results": msg("a exporté les résultats d'un questionnaire", "staff"),
    "export_yearly_report": msg("a exporté le rapport annuel", "staff"),
    "export_survey_nothing": msg(
        "a demandé un export des résultats d'un questionnaire : rien à exporter, aucun fichier donné", "staff"
    ),
    "read_grid_result": msg("a consulté un résultat de grille", "staff"),
    "read_callback_request": msg("a consulté une demande de rappel", "staff"),
    "read_failed_message": msg("a consulté un message non remis", "staff"),
    "retry_message": msg("a renvoyé un message", "staff"),
    "forget": msg("a effacé ses données", "staff"),
    "purge": msg("a anonymisé les données anciennes", "staff"),
    "assign_facilitator": msg("a affecté une animatrice ou un animateur à une rencontre", "staff"),
    "unassign_facilitator": msg("a retiré une animatrice ou un animateur d'une rencontre", "staff"),
    "cancel_session": msg("a annulé une rencontre", "staff"),
    "move_session": msg("a déplacé une rencontre", "staff"),
    "rename_staff": msg("a changé le nom affiché d'un membre de l'équipe", "staff"),
    "act_on_behalf": msg("a agi pour une personne, avec son accord", "staff"),
    "read_case": msg("a consulté une demande", "staff"),
    "take_case": msg("a pris une demande", "staff"),
    "write_case": msg("a écrit à une personne dans une demande", "staff"),
    "close_case": msg("a clos une demande", "staff"),
}
"""What each action did (every `AuditAction`, a test checks), said after who did it: « Marie · a consulté la liste
des inscrits »."""
UNKNOWN = msg("a fait une action que cette version ne nomme pas ({action})", "staff")
"""An action this version does not know (a row written by another version): said neutrally, with its code."""
GAVE_ROLE = msg("a donné le rôle « {role} » à {member}", "staff")
"""A role given, naming the staff member who got it as the team list does: « … à Sami (Telegram 503) »."""
TOOK_ROLE = msg("a retiré son rôle ({role}) à {member}", "staff")
"""A role taken away, naming whose it was as the team list does."""
JOINED = msg("a rejoint l'équipe ({role}) avec une invitation de {inviter}", "staff")
"""An invitation used: said after the new staff member's name, with who made the invitation."""
ABOUT_PERSON = msg("personne n° {number}", "staff")
"""Whom a journal row was about, by number only (the journal answers "who read this person's data")."""


def action_words(action: str) -> Msg:
    """What an audit row's action did, in words to translate; an unknown action's neutral words."""
    known = ACTIONS.get(action)
    return known if known is not None else UNKNOWN.bind(action=action)
