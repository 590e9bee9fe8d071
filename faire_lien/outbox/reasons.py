"""Why a message did not go out, in a sentence staff read in their language (the stored reason stays English, for logs).

`bot/delivery_errors.py` builds its reasons from the openings below, so each stored reason maps to one sentence.
"""

from __future__ import annotations

from dialogs.text import Msg, msg
from storage.outbox import INTERRUPTED

RATE_LIMITED = "rate limited by Telegram"
BLOCKED = "the person blocked the bot"
REFUSED = "Telegram refused it"
NOT_REACHED = "Telegram not reached"
SERVER_ERROR = "Telegram answered an error after receiving it"
NO_ANSWER = "no answer from Telegram after the request was sent"
CONNECTION_LOST = "connection lost after the request was sent"
PARTLY = "sent in part"
"""A message sent in several parts (longer than one Telegram message) whose first parts went and a later one not."""

SENTENCES: tuple[tuple[str, Msg], ...] = (
    (RATE_LIMITED, msg("Telegram a demandé d'attendre (trop d'envois à la fois)", "outbox")),
    (BLOCKED, msg("la personne a bloqué le bot", "outbox")),
    (REFUSED, msg("Telegram l'a refusé", "outbox")),
    (NOT_REACHED, msg("Telegram injoignable : rien n'est parti", "outbox")),
    (SERVER_ERROR, msg("Telegram a répondu par une erreur après l'avoir reçu", "outbox")),
    (NO_ANSWER, msg("pas de réponse de Telegram après l'envoi", "outbox")),
    (CONNECTION_LOST, msg("connexion coupée après l'envoi", "outbox")),
    (
        PARTLY,
        msg("envoyé en partie : le début est arrivé, pas la suite ; pas renvoyé, pour éviter un doublon", "outbox"),
    ),
    (INTERRUPTED, msg("envoi interrompu par un redémarrage, pas renvoyé pour éviter un doublon", "outbox")),
)
"""The opening of each stored reason and what staff read for it."""

UNKNOWN = msg("raison non précisée", "outbox")


def reason(stored: str | None) -> Msg:
    """The sentence for a stored reason (its English opening), or "raison non précisée"."""
    for opening, sentence in SENTENCES:
        if stored and stored.startswith(opening):
            return sentence
    return UNKNOWN
