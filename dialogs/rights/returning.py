"""Coming back to live in France after years abroad: the PUMa's 3 months, and what may cover the wait.

CSS L160-1 and D160-2: the 3 months of residence apply to anyone who settles in France without working, French
nationals coming back included; D160-2 spares only those back from international volunteering (a waiver already).
Service-public F32824 and diplomatie.gouv.fr: a European caisse that keeps the person's rights covers them on its
carte européenne d'assurance maladie or S1 form; the Caisse des Français de l'étranger (CFE) covers its members
returning for good during those months. A pensioner of a French scheme coming back: a ministerial answer (question
n° 60848, JO AN 2015) says the pension scheme keeps covering its pensioners wherever they live, an association of
the French abroad (Français du monde-ADFE) says the 3 months apply on a return for good: the rule
`puma_returning_pensioners` is to confirm, and the card says what to ask.
"""

from __future__ import annotations

from datetime import date

from dialogs.rights.household import RETURN_ABROAD, Household
from dialogs.rights.outcome import Context, Outcome
from dialogs.text import Msg, msg, plural

CFE = msg(
    "Si vous étiez adhérent·e de la Caisse des Français de l'étranger (CFE), elle peut continuer à couvrir vos soins "
    "pendant ces premiers mois : prévenez-la de votre retour.",
    "rights",
)
EUROPE = msg(
    "Si vous rentrez d'un pays d'Europe (Union européenne, EEE, Suisse) qui vous garde vos droits à l'assurance "
    "maladie, présentez sa carte européenne d'assurance maladie ou le formulaire S1 à l'Assurance Maladie : vous "
    "n'avez pas à attendre.",
    "rights",
)
DOCUMENTS = msg("Apportez une pièce d'identité, un justificatif de domicile et un RIB.", "rights")


def pensioner(h: Household, ctx: Context, months: int, from_day: date) -> Outcome | None:
    """A French pension, back to live in France: covered at once or from `from_day`, to confirm with the caisse."""
    if h.pension != "french_return":
        return None
    ctx.value("puma_returning_pensioners")
    reason = plural(
        "Vous revenez vivre en France avec une pension d'un régime français : votre caisse devrait vous couvrir dès "
        "votre retour, sans attendre {n} mois, mais les sources officielles ne le disent pas toutes. Sinon, vous "
        "serez couvert·e à partir du {day}.",
        "Vous revenez vivre en France avec une pension d'un régime français : votre caisse devrait vous couvrir dès "
        "votre retour, sans attendre {n} mois, mais les sources officielles ne le disent pas toutes. Sinon, vous "
        "serez couvert·e à partir du {day}.",
        months,
        "rights",
        day=from_day,
    )
    ask = msg(
        "Demandez dès maintenant votre affiliation à l'Assurance Maladie avec votre titre de pension, et demandez-lui "
        "si elle vous couvre dès votre retour ou seulement à partir du {day}.",
        "rights",
        day=from_day,
    )
    return Outcome("puma", "covered", (reason,), (ask, DOCUMENTS), ("callback",), due=from_day, uncertain=True)


def waiting(h: Household, ctx: Context, months: int) -> tuple[tuple[Msg, ...], tuple[Msg, ...]]:
    """Back to live in France without a pension: why the months apply, and what may cover them (reasons, steps)."""
    if RETURN_ABROAD not in h.waivers:
        return (), ()
    ctx.value("puma_returning_nationals")
    why = plural(
        "Vous revenez vivre en France : sans emploi, les {n} mois de résidence s'appliquent aussi au retour de "
        "l'étranger ; seul le retour d'un volontariat international en dispense.",
        "Vous revenez vivre en France : sans emploi, les {n} mois de résidence s'appliquent aussi au retour de "
        "l'étranger ; seul le retour d'un volontariat international en dispense.",
        months,
        "rights",
    )
    return (why,), (EUROPE, CFE)
