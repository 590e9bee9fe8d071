"""Answers of the rights check shared by tests and benchmarks: one person's profile, step by step."""

from __future__ import annotations

ALONE_ON_800 = [
    "press:Nationalité",
    "press:Plus de 3 mois",
    "type:1992",
    "type:1",
    "press:métropolitaine",
    "press:Aucune de ces aides",
    "press:Valider",
    "press:Oui, à peu près",
    "type:800",
    "press:Non, personne",
    "press:Valider",
    "press:Non",
    "press:sans aide",
]
"""French national living here, born in 1992, alone, metropole, no benefit, 800 € a month, nobody out of work or
on long sick leave, no maintenance, tenant without housing benefit; the next question asks whether they have the C2S
already."""

NO_SITUATION = ["press:Aucune de ces situations", "press:Valider"]
"""No special situation: the last question of the rights check."""
