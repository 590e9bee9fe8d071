"""Typed text that reached the bot after the person's next message is no answer: webhook workers may take two
updates of one person out of order (storage/updates.py), and the question on screen is then not the one it answered.
"""

from __future__ import annotations

from dialogs.bidi import shortened
from dialogs.text import Msg, msg

LATE = msg(
    "Votre message « {text} » est arrivé après le suivant : il n'a pas été pris comme réponse. "
    "Renvoyez-le s'il le faut.",
    "notice",
)
QUOTED = 60
"""Characters of the late message quoted in the notice; a longer one is cut, ending with "…"."""


def late(text: str) -> Msg:
    """ "Your message « … » arrived after the next one: it was not taken as an answer", quoting it on one line."""
    line = " ".join(text.split())
    return LATE.bind(text=shortened(line, QUOTED))
