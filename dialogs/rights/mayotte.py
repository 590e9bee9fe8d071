"""Mayotte: neither C2S nor AME apply; health cover is the Caisse de sécurité sociale de Mayotte's.

Mayotte has its own social security scheme (ordonnance n° 96-1122 of 20 December 1996), run by the
Caisse de sécurité sociale de Mayotte (CSSM): the C2S and the AME of mainland France and the overseas
departments do not apply there. The check says so and points to the CSSM and to a social worker.
"""

from __future__ import annotations

from dialogs.rights.household import Household
from dialogs.rights.outcome import Context, Outcome
from dialogs.text import msg

BODIES = {
    "cssm": msg("la Caisse de sécurité sociale de Mayotte (CSSM)", "rights"),
}


def mayotte(h: Household, ctx: Context) -> Outcome:
    """The body to ask in Mayotte, and why this check cannot estimate C2S or AME there."""
    body = BODIES[str(ctx.value("mayotte_scheme"))]
    reasons = (
        msg("À Mayotte, la couverture santé relève de {body}.", "rights", body=body),
        msg("La C2S et l'AME n'existent pas à Mayotte : ce bilan ne peut pas les estimer.", "rights"),
    )
    steps = (msg("Adressez-vous à {body} pour connaître vos droits à la couverture santé.", "rights", body=body),)
    return Outcome("mayotte", "info", reasons, steps, ("callback",))
