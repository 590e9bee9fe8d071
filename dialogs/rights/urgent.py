"""Urgent care at the hospital for people not (yet) covered by PUMa or AME.

CASF L254-1: hospitals cover urgent care ("soins urgents") — care without which life or health would
be seriously endangered, pregnancy and newborn care, transmissible diseases — for foreigners without
AME, including adult asylum seekers during their first 3 months, through their PASS.
"""

from __future__ import annotations

from dialogs.rights.outcome import Outcome
from dialogs.text import msg

URGENT = Outcome(
    "urgent_care",
    "info",
    (
        msg(
            "L'hôpital prend en charge les soins urgents : ceux sans lesquels votre vie ou votre santé serait "
            "gravement menacée, la grossesse et les soins du nouveau-né, les maladies transmissibles.",
            "rights",
        ),
    ),
    (msg("Présentez-vous à la PASS (permanence d'accès aux soins de santé) de l'hôpital le plus proche.", "rights"),),
    ("callback",),
)
