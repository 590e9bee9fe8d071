"""What each kind of queued message is, in words staff read: the bot's undelivered-messages screen and the console."""

from __future__ import annotations

from dialogs.text import Msg, msg
from storage.statuses import OutboxKind

KIND_NAMES: dict[OutboxKind, Msg] = {
    "renewal_reminder": msg("Rappel de renouvellement", "outbox"),
    "meeting_confirm": msg("Confirmation de rencontre", "outbox"),
    "meeting_details": msg("Détails de la rencontre", "outbox"),
    "seat_offered": msg("Place proposée", "outbox"),
    "offer_lapsed": msg("Place proposée non prise à temps", "outbox"),
    "offer_lost": msg("Place proposée perdue (bot bloqué)", "outbox"),
    "meeting_cancelled": msg("Rencontre annulée", "outbox"),
    "meeting_confirmed": msg("Rencontre confirmée", "outbox"),
    "meeting_moved": msg("Rencontre déplacée", "outbox"),
    "meeting_relocated": msg("Rencontre : changement de lieu", "outbox"),
    "survey_invite": msg("Invitation au questionnaire", "outbox"),
    "case_notice": msg("Avis à l'équipe sur une demande", "outbox"),
    "case_message": msg("Message de l'équipe sur une demande", "outbox"),
    "case_reply": msg("Message de la personne sur sa demande", "outbox"),
    "case_closed": msg("Demande close", "outbox"),
}
"""Every `OutboxKind` has one: one table for the bot and the console, so the two never name a kind differently."""
