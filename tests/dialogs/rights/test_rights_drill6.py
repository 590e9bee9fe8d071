"""Sixth drill: two rules the earlier drills could not express, worked by hand on 22 November 2026.

AME (CASF L251-1 as amended by loi n° 2019-1479, art. 264): an adult's 3 months are those of an irregular stay, counted
from the day a visa or permit ran out; urgent care (CASF L254-1) meanwhile. « Plus de trois mois » begins the day after
the 3 months (`after_months`): a visa ended on 22 October 2026 gives AME from 23 January 2027. Free ceiling 2025 for one
person: 10 339 €.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dialogs.rights.evaluate import evaluate
from dialogs.rights.household import Household
from dialogs.schema import Flow
from tests.dialogs.rights.test_rights_drill5 import DAY, card, plain

VISA_OVER = {"residence": "irregular", "born": "1990", "income_year_ame": "8000", "permit_end": "2026-10-22"}
"""Born 1990, in France for 5 months (« Plus de 3 mois »), visa ran out on 22 October 2026, 8 000 € over 12 months."""


def test_the_ames_three_months_run_from_the_end_of_the_visa(flows: dict[str, Flow]) -> None:
    """Here for 5 months, visa over 1 month ago: 8 000 € ≤ 10 339 € but the irregular stay began on 22 October 2026.

    The card says AME not yet, from 23 January 2027, and urgent care meanwhile; before, « 🟢 AME : droit probable »
    (3 months from the arrival, long over), a request the CPAM would refuse.
    """
    text = card(flows, DAY, **VISA_OVER)
    assert (
        "🟡 AME (aide médicale de l'État) : pas encore\n"
        "• Votre visa ou titre de séjour a pris fin le 22 octobre 2026 : depuis 2020, l'AME demande 3 mois de séjour "
        "sans titre, soit à partir du 23 janvier 2027.\n"
        "→ Faites la demande d'AME en personne à votre CPAM à partir du 23 janvier 2027." in text
    ), text
    assert "🏥 Soins urgents à l'hôpital" in text
    assert "droit probable" not in text
    arabic = plain(card(flows, DAY, "ar", **VISA_OVER))
    assert "23 يناير 2027" in arabic and "22 أكتوبر 2026" in arabic and "Votre visa" not in arabic, arabic


def test_an_older_end_a_minor_and_answers_without_the_date_read_as_before(flows: dict[str, Flow]) -> None:
    """Visa over on 1 August 2026: 3 months over on 2 November, AME probable; arrived 1 October 2026 (« Moins de 3
    mois ») with a visa over on 15 October: from 16 January 2027, not 2 January; a girl born 2012 whose visa ran out
    last month has AME at once (no delay for minors); answers of version 7, without the date, count from arrival.
    """
    older = card(flows, DAY, **{**VISA_OVER, "permit_end": "2026-08-01"})
    assert "🟢 AME (aide médicale de l'État) : droit probable" in older and "pas encore" not in older
    arrived = card(
        flows, DAY, **{**VISA_OVER, "in_france": "less", "arrived": "2026-10-01", "permit_end": "2026-10-15"}
    )
    assert "Votre visa ou titre de séjour a pris fin le 15 octobre 2026" in arrived
    assert "soit à partir du 16 janvier 2027" in arrived
    minor = card(flows, DAY, **{**VISA_OVER, "born": "2012"})
    assert "🟢 AME (aide médicale de l'État) : droit probable" in minor
    before = card(flows, DAY, **{k: v for k, v in VISA_OVER.items() if k != "permit_end"})
    assert "🟢 AME (aide médicale de l'État) : droit probable" in before


def test_the_evaluator_counts_from_the_end_of_the_permit_since_2020() -> None:
    """The API: `irregular_since` sets the day; without it, the arrival does, as before."""
    h = Household(residence="irregular", born=1990, resources=Decimal(8000), irregular_since=date(2026, 10, 22))
    ame = evaluate(h, DAY).get("ame")
    assert ame is not None and (ame.status, ame.due) == ("not_yet", date(2027, 1, 23))
    assert evaluate(h, DAY).get("urgent_care") is not None
    before_arrival = Household(
        residence="irregular", born=1990, resources=Decimal(8000), arrived=date(2026, 10, 1), irregular_since=None
    )
    ame = evaluate(before_arrival, DAY).get("ame")
    assert ame is not None and ame.due == date(2027, 1, 2)
