"""Which health-insurance body a household asks, by territory, and the card's sentences that name it.

Mainland France and Alsace-Moselle: the CPAM (caisse primaire d'assurance maladie), with the ameli account; the card's
sentences are the ones written for it. Elsewhere (Mayotte has its own card, `mayotte`):

- Guadeloupe, Martinique, Guyane, La Réunion: the caisse générale de sécurité sociale (CGSS) of the department does
  what a CPAM does (CSS L752-1); its insured people use the ameli account.
- Saint-Martin: the CGSS de la Guadeloupe et de Saint-Martin, through its agency in Saint-Martin (CSS L752-1).
- Saint-Barthélemy: the Caisse de prévoyance sociale de Saint-Barthélemy, a local office of a MSA caisse (MSA Poitou)
  (CSS L752-1, D752-2-1 to D752-2-3, décret n° 2017-992 du 10 mai 2017): no ameli account, the request is made there.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.rights.household import Household
from dialogs.text import Msg, msg


@dataclass(frozen=True, slots=True)
class Body:
    """A body other than the CPAM, as the card names it, and whether its insured people have an ameli account."""

    name: Msg
    ameli: bool


# TRANSLATORS: the health-insurance body the card sends the person to, put in « {body} » of sentences such as
# « Faites la demande auprès de {body} ». Keep « CGSS » as it is written.
CGSS = Body(msg("votre CGSS", "rights"), ameli=True)
BODIES: dict[str, Body] = {
    "overseas": CGSS,
    # TRANSLATORS: the Saint-Martin office of the CGSS de la Guadeloupe, put in « {body} » of sentences such as
    # « Faites la demande auprès de {body} ». Keep « CGSS » and the place names as they are written.
    "saint_martin": Body(msg("l'agence de Saint-Martin de la CGSS de la Guadeloupe", "rights"), ameli=True),
    # TRANSLATORS: the name of Saint-Barthélemy's social security office, put in « {body} » of sentences such as
    # « Faites la demande auprès de {body} »; you may keep the French name « Caisse de prévoyance sociale ».
    "saint_barthelemy": Body(msg("la Caisse de prévoyance sociale de Saint-Barthélemy", "rights"), ameli=False),
}
"""Territories whose body is not a CPAM; any other (mainland France, Alsace-Moselle) reads the CPAM sentences."""


@dataclass(frozen=True, slots=True)
class Named:
    """One sentence of the card that names the CPAM, and the same sentence for another body (`{body}`).

    `without_ameli`, when the sentence sends to the ameli account, is the one for a body without it.
    """

    cpam: Msg
    elsewhere: Msg
    without_ameli: Msg | None = None

    def said(self, h: Household) -> Msg:
        """The sentence naming the household's body (the CPAM one as it is for mainland France)."""
        return self.said_in(h.territory)

    def said_in(self, territory: str) -> Msg:
        """The sentence naming the body of `territory` (the CPAM one for mainland France or an unknown territory)."""
        body = BODIES.get(territory)
        if body is None:
            return self.cpam
        text = self.elsewhere if body.ameli or self.without_ameli is None else self.without_ameli
        return text.bind(body=body.name)
