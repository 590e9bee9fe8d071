"""Fourth drill: households at the edges nobody had tried, worked out by hand, read on the card as the person reads it.

2025 ceilings (from 1 April 2025; still applied after 1 April 2026, the 2026 ones not collected): free 10 339 € for
one person × the R861-3 coefficient, rounded down; AME has the same ceiling (CASF L251-1). « Inférieures ou égales »:
resources equal to a ceiling are within it, and the card says they equal it, never that they are under it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.schema import Flow
from dialogs.steps.base import Refused
from dialogs.steps.text import TEXT
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.dialogs.golden_driver import Person
from tests.dialogs.rights.test_rights_drill import answers

NBSP, NNBSP = "\u00a0", "\u202f"
START = ["/start", "press:Français", "press:J'accepte", "press:Bilan"]


def card(flows: dict[str, Flow], day: date, language: str = "fr", **given: Any) -> str:
    """The card the person reads, in their language."""
    c = rights(flows["rights_check"], answers(**given), day)
    return render_blocks(c.blocks, translator(language))


def test_a_newcomer_without_permit_whose_resources_equal_the_ceiling_is_not_told_they_are_under_it(
    flows: dict[str, Flow],
) -> None:
    """A mother without a permit, born 1995, arrived on 25 September 2025 with her son of 5; 15 508 € over 12 months.

    On 15 October 2025 she waits for her 3 months (AME from 26 December 2025), her son does not (CASF L251-1). Two
    people: 10 339 × 1.5 = 15 508.5 → 15 508 €, equal to her resources: within the ceiling (« inférieures ou
    égales »), so the son can have AME now — and the card says the amount equals the ceiling (before: « 15 508 € est
    en dessous du plafond … (15 508 €) »).
    """
    given = {
        "residence": "irregular",
        "in_france": "less",
        "arrived": "2025-09-25",
        "born": "1995",
        "household_size": 2,
        "couple": False,
        "shared_any": False,
        "child_1_age": 5,
        "income_year_ame": "15508",
    }
    text = card(flows, date(2025, 10, 15), **given)
    amount = f"15{NNBSP}508{NBSP}€"
    assert (
        f"• Vos enfants de moins de 18 ans n'ont pas à attendre : {amount} est égal au plafond de l'AME pour votre "
        f"foyer ({amount}) sans le dépasser : ils peuvent l'avoir dès maintenant." in text
    )
    assert "est en dessous du plafond" not in text
    under = card(flows, date(2025, 10, 15), **{**given, "income_year_ame": "15507"})
    assert f"15{NNBSP}507{NBSP}€ est en dessous du plafond de l'AME pour votre foyer ({amount})" in under
    english = card(flows, date(2025, 10, 15), "en", **given)
    assert "is equal to the AME limit for your household" in english and "is below the AME limit" not in english
    persian = card(flows, date(2025, 10, 15), "fa", **given)
    assert "برابر با سقف درآمد AME" in persian and "کمتر از سقف درآمد AME" not in persian


async def test_a_year_of_birth_after_this_year_is_refused_in_the_chat(assistant: Assistant, db: Database) -> None:
    """Someone typing 2030 for 1930 (or the partner's 2027): the chat asks again, on 22 November 2026.

    Before, the pattern (19|20)[0-9][0-9] took it: the person counted 0 years old on 1 January, so a woman of 96 read
    8 € a month of participation (≤ 29 years) instead of 30 € (≥ 70). This year itself (a baby born in 2026 cannot
    answer, but the year is possible) is taken; the year after is not.
    """
    person = Person(assistant, db)
    for step in [*START, "press:Nationalité", "press:Plus de 3 mois"]:
        await person.do(step)
    (refused,) = await person.do("type:2030")
    assert "L'année écrite, 2030, n'est pas encore arrivée : écrivez une année jusqu'à 2026." in refused.text
    assert "Combien de personnes" not in refused.text
    await person.do("type:1930")
    await person.do("type:2")
    await person.do("press:Oui")
    (refused,) = await person.do("type:2027")
    assert "L'année écrite, 2027, n'est pas encore arrivée : écrivez une année jusqu'à 2026." in refused.text
    (accepted,) = await person.do("type:2026")
    assert "Où habitez-vous ?" in accepted.text


@pytest.mark.parametrize("typed", ["2100", "3000", "9999"])
def test_a_year_past_the_pattern_is_refused_as_a_year_not_come_yet(flows: dict[str, Flow], typed: str) -> None:
    """2100 has four digits too: the person reads that it has not come yet, not to write four digits (the pattern
    (19|20)[0-9][0-9] refused it first)."""
    locale = translator("fr").locale
    refused = TEXT.parse(flows["rights_check"].step("born"), typed, date(2026, 11, 22), "flow:rights_check", locale)
    assert isinstance(refused, Refused)
    expected = f"L'année écrite, {typed}, n'est pas encore arrivée : écrivez une année jusqu'à 2026."
    assert translator("fr")(refused.reason) == expected


def test_a_future_year_of_birth_is_refused_in_persian_with_persian_digits(flows: dict[str, Flow]) -> None:
    """The same refusal in Persian, typed with Persian digits (۲۰۳۰), the years written back in Persian digits."""
    step = flows["rights_check"].step("born")
    refused = TEXT.parse(step, "۲۰۳۰", date(2026, 11, 22), "flow:rights_check", translator("fa").locale)
    assert isinstance(refused, Refused)
    persian = translator("fa")(refused.reason)
    shown = "".join(c for c in persian if c not in "\u200f\u2068\u2069")  # direction marks around the figures
    assert shown == "سال نوشته‌شده، ۲۰۳۰، هنوز نرسیده است: سالی تا ۲۰۲۶ بنویسید."
    assert TEXT.parse(step, "۲۰۲۶", date(2026, 11, 22), "flow:rights_check", translator("fa").locale) == "2026"


def test_a_retired_person_turning_55_this_year_leaving_hospital_is_told_about_the_ardh(flows: dict[str, Flow]) -> None:
    """Born 1971, leaving hospital on 22 November 2026: 54 on 1 January, but 55 on the day once the birthday passed.

    The ARDH (retired people from 55, up to 3 months of help, 1 800 € at most) counts the age on the day, not on
    1 January as the C2S participation does; with the year of birth only, the card says « si vous avez déjà 55 ans »
    (before: nothing about the ARDH). Born 1970: 55 or 56, surely old enough, the line as before; born 1972: none.
    """
    day = date(2026, 11, 22)
    text = card(flows, day, born="1971", income_year="20000", situations=["hospital_discharge"])
    assert (
        "→ Si vous êtes retraité·e et avez déjà 55 ans, l'aide au retour à domicile après hospitalisation (ARDH) "
        f"peut financer jusqu'à 3 mois d'aide, dans la limite de 1{NNBSP}800{NBSP}€." in text
    )
    older = card(flows, day, born="1970", income_year="20000", situations=["hospital_discharge"])
    assert (
        "→ Si vous êtes retraité·e, l'aide au retour à domicile après hospitalisation (ARDH) peut financer jusqu'à "
        f"3 mois d'aide, dans la limite de 1{NNBSP}800{NBSP}€." in older
    )
    younger = card(flows, day, born="1972", income_year="20000", situations=["hospital_discharge"])
    assert "ARDH" not in younger
    arabic = card(flows, day, "ar", born="1971", income_year="20000", situations=["hospital_discharge"])
    shown = "".join(c for c in arabic if c not in "\u200f\u2068\u2069")  # direction marks around the figures
    assert "إذا كنت قد تقاعدت وبلغت 55 عامًا، يمكن لمساعدة العودة إلى المنزل بعد الاستشفاء (ARDH)" in shown


async def test_a_sick_leave_whose_start_is_skipped_is_not_called_long(
    assistant: Assistant, db: Database, flows: dict[str, Flow]
) -> None:
    """On sick leave, the start date skipped with « Passer » (an optional question), 22 November 2026.

    The social service invites people on sick leave for more than 90 days; without the date the card cannot tell, so
    it no longer titles the section « arrêt de travail long » as if it were: it says when the meetings apply (before:
    « 🤝 Service social : arrêt de travail long » and « Vous êtes en arrêt de travail. » for a leave of any length).
    """
    person = Person(assistant, db)
    steps = [
        *START,
        "press:Nationalité",
        "press:Plus de 3 mois",
        "type:1980",
        "type:1",
        "press:métropolitaine",
        "press:Aucune de ces aides",
        "press:Valider",
        "press:Non, elles changent",
        "type:20000",
        "press:Non, personne",
        "press:Valider",
        "press:Non",
        "press:sans aide",
        "press:Non",
        "press:Je suis en arrêt de travail",
        "press:Valider",
        "press:Passer",
    ]
    for step in steps:
        await person.do(step)
    text = "\n".join(r.text for r in person.screen)
    assert "🤝 Service social : arrêt de travail\n" in text
    assert "arrêt de travail long\n" not in text
    assert (
        "• Vous êtes en arrêt de travail. Si votre arrêt dure depuis plus de 90 jours, le service social peut vous "
        "inviter à une réunion d'information." in text
    )
    english = card(flows, date(2026, 11, 22), "en", born="1980", situations=["sick_leave"])
    assert "🤝 Social service: sick leave\n" in english and "Social service: long sick leave" not in english
    assert "• You are on sick leave. If your leave has lasted more than 90 days, the social service can" in english


def test_someone_whose_cover_ends_and_whose_resources_are_over_the_ceiling_is_not_told_to_renew_now(
    flows: dict[str, Flow],
) -> None:
    """C2S ending on 20 December 2026, alone, born 1980, 30 000 € on 22 November 2026.

    30 000 € is over the ceiling with participation (13 957 €): the C2S section says « peu probable », and the
    renewal section no longer says « c'est le moment de demander le renouvellement » under it (before: both, the
    renewal urged in orange). The same for AME (30 000 € over 10 339 €). Close to the ceiling (14 000 €, within 3 % of
    13 957 € computed with the 2025 values) the result is only possible: the renewal is still to ask now.
    """
    day = date(2026, 11, 22)
    text = card(flows, day, born="1980", income_year="30000", cover="c2s", cover_end="2026-12-20")
    assert "⚪ C2S : peu probable avec ces ressources" in text
    assert "🔁 Renouvellement de vos droits\n• Vos droits à la C2S prennent fin le 20 décembre 2026." in text
    assert (
        "• Avec les ressources indiquées, la C2S ne serait pas renouvelée (voir plus haut). Si vos ressources "
        "baissent, refaites ce bilan avant de demander le renouvellement." in text
    )
    assert "c'est le moment de demander le renouvellement" not in text
    assert "→ Demandez le renouvellement" not in text
    ame = card(
        flows, day, residence="irregular", born="1980", income_year_ame="30000", cover="ame", cover_end="2026-12-20"
    )
    assert "• Avec les ressources indiquées, l'AME ne serait pas renouvelée (voir plus haut)." in ame
    assert "c'est le moment de demander le renouvellement" not in ame
    close = card(flows, day, born="1980", income_year="14000", cover="c2s", cover_end="2026-12-20")
    assert "🟠 C2S : possible, vos ressources sont proches du plafond" in close
    assert "c'est le moment de demander le renouvellement" in close
    english = card(flows, day, "en", born="1980", income_year="30000", cover="c2s", cover_end="2026-12-20")
    assert "With the income you gave, C2S would not be renewed" in english


def test_renewing_ame_is_not_sent_to_the_ameli_account(flows: dict[str, Flow]) -> None:
    """A man without a permit holding AME until 15 January 2027, with his daughter of 7, 8 000 € (under 15 508 €).

    On 22 November 2026 the renewal is due (two months before the end). The AME section says to send or leave the
    renewal at the CPAM (service-public F3079: « déposer ou envoyer votre demande de renouvellement »), and the
    renewal section now says the same (before: « Demandez le renouvellement sur votre compte ameli ou à votre CPAM »,
    the C2S sentence, though AME has no ameli procedure). In La Réunion: the CGSS.
    """
    given = {
        "residence": "irregular",
        "born": "1988",
        "household_size": 2,
        "couple": False,
        "shared_any": False,
        "child_1_age": 7,
        "income_year_ame": "8000",
        "cover": "ame",
        "cover_end": "2027-01-15",
    }
    text = card(flows, date(2026, 11, 22), **given)
    renewal = text.split("🟠 Renouvellement : à demander maintenant")[1]
    assert "• Vos droits à l'AME prennent fin le 15 janvier 2027 : c'est le moment de demander le renouvellement." in (
        renewal
    )
    assert "→ Envoyez ou déposez votre demande de renouvellement à votre CPAM." in renewal
    assert "ameli" not in renewal
    overseas = card(flows, date(2026, 11, 22), territory="overseas", **given)
    assert "→ Envoyez ou déposez votre demande de renouvellement à votre CGSS." in overseas
    english = card(flows, date(2026, 11, 22), "en", **given)
    assert "→ Send or take your renewal request to your CPAM." in english
    assert "ameli" not in english.split("Renewal")[-1]
