"""A year of birth typed in another calendar, or a century too early: said so, not « write 4 digits » to 4 digits.

Iran and Afghanistan count years in the Persian solar calendar (1369 for 1990), much of the Arab world writes the
Hijri year too; a mistyped century (1890 for 1980) reads the same. The pattern (19|20)[0-9][0-9] refuses them, and the
person read « Écrivez l'année avec 4 chiffres, par exemple : 1985. » after typing exactly 4 digits.
"""

from __future__ import annotations

from datetime import date

from dialogs.i18n import translator
from dialogs.schema import Flow
from dialogs.steps.base import Refused
from dialogs.steps.text import TEXT
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.dialogs.golden_driver import Person

START = ["/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité", "press:Plus de 3 mois"]
TODAY = date(2026, 11, 22)


async def test_a_year_before_1900_is_called_too_early_in_the_chat(assistant: Assistant, db: Database) -> None:
    person = Person(assistant, db)
    for step in START:
        await person.do(step)
    (refused,) = await person.do("type:1890")
    assert refused.text.startswith(
        "L'année 1890 est trop ancienne. Écrivez l'année de naissance selon le calendrier utilisé en France, "
        "par exemple : 1985."
    ), refused.text
    assert "4 chiffres" not in refused.text
    (refused,) = await person.do("type:85")  # two digits: the format is what is wrong
    assert refused.text.startswith("Écrivez l'année avec 4 chiffres, par exemple : 1985."), refused.text
    (accepted,) = await person.do("type:1985")
    assert "Combien de personnes" in accepted.text


def test_a_persian_year_is_refused_in_persian_with_the_gregorian_calendar_named(flows: dict[str, Flow]) -> None:
    """۱۳۶۹ (1990 in the Persian calendar) typed for the partner: the year written back in Persian digits."""
    step = flows["rights_check"].step("partner_born")
    refused = TEXT.parse(step, "۱۳۶۹", TODAY, "flow:rights_check", translator("fa").locale)
    assert isinstance(refused, Refused)
    shown = "".join(c for c in translator("fa")(refused.reason) if c not in "\u200f\u2068\u2069")
    assert shown.startswith("سال ۱۳۶۹ خیلی قدیمی است.") and "میلادی" in shown, shown
    assert TEXT.parse(step, "۱۹۹۰", TODAY, "flow:rights_check", translator("fa").locale) == "1990"
