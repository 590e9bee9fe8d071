"""Someone who holds C2S today is told to renew it, not to make a first request (the card said both).

Alone, born 1985, 5 000 € over 12 months, a tenant without housing benefit, on 22 November 2026: 5 000 € is under
the free C2S ceiling (10 339 €). With C2S until 30 September 2027, the renewal section says when to ask (from 30 July
2027, 2 months before); the C2S section now says there is no new request to make. A C2S that ended on 30 September
2026 is asked for again like a first one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bench.answers import answers_of
from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.rights.household import Household
from dialogs.schema import Flow

DAY = date(2026, 11, 22)
FIRST = "Faites la demande sur votre compte ameli (rubrique « Mes démarches ») ou à l'accueil de votre CPAM."
RENEW = (
    "Vous avez déjà la C2S : pas de nouvelle demande à faire. Demandez son renouvellement avant la fin de vos droits, "
    "sur votre compte ameli ou à l'accueil de votre CPAM."
)


def card(flows: dict[str, Flow], h: Household, language: str = "fr") -> str:
    """The card the person reads after answering the chat's questions as this household."""
    return render_blocks(rights(flows["rights_check"], answers_of(h, DAY), DAY).blocks, translator(language))


def holder(end: date | None, **more: object) -> Household:
    return Household(born=1985, resources=Decimal(5000), housing="tenant", cover="c2s", cover_end=end, **more)  # type: ignore[arg-type]


def test_a_holder_is_told_to_renew_and_when(flows: dict[str, Flow]) -> None:
    text = card(flows, holder(date(2027, 9, 30)))
    assert "🟢 C2S gratuite : droit probable" in text
    assert f"→ {RENEW}" in text and FIRST not in text, text
    assert "Demandez le renouvellement 2 mois avant, à partir du 30 juillet 2027." in text


def test_a_holder_without_an_end_date_is_told_to_renew_too(flows: dict[str, Flow]) -> None:
    text = card(flows, holder(None))
    assert f"→ {RENEW}" in text and FIRST not in text, text


def test_a_c2s_that_has_ended_is_asked_for_again(flows: dict[str, Flow]) -> None:
    text = card(flows, holder(date(2026, 9, 30)))
    assert f"→ {FIRST}" in text and RENEW not in text, text


def test_someone_without_c2s_makes_a_first_request(flows: dict[str, Flow]) -> None:
    text = card(flows, Household(born=1985, resources=Decimal(5000), housing="tenant"))
    assert f"→ {FIRST}" in text and RENEW not in text, text


def test_overseas_holders_are_sent_to_their_body_in_their_language(flows: dict[str, Flow]) -> None:
    text = card(flows, holder(date(2027, 9, 30), territory="overseas"))
    assert "Vous avez déjà la C2S : pas de nouvelle demande à faire." in text and "CPAM." not in text.split("C2S :")[1]
    english = card(flows, holder(date(2027, 9, 30)), "en")
    assert "Vous avez" not in english and "C2S" in english
