"""Third rights-check drill, end to end over HTTP: five households typed into the real bot, the card each one reads.

The bot process runs on the real clock, so dates and years of birth are given relative to today; every figure is
worked out by hand from the rules (dialogs/rights/rules.yaml, ../shared/domain/rights-rules.md) in the comments.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date

from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_polling import press, say, tick
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage

ROOT = Path(__file__).resolve().parents[2]
START = {
    "fr": ["type:/start", "press:Français", "press:J'accepte", "press:Bilan"],
    "en": ["type:/start", "press:English", "press:I agree", "press:Check my health rights"],
}
END = {"fr": ["press:Non", "tick:Aucune de ces situations"], "en": ["press:No", "tick:None of these situations"]}
"""No C2S or AME yet, none of the social situations; then "Valider" brings the card and the menu."""
CONFIRM = {"fr": "Valider", "en": "Confirm"}
MENU = {"fr": "Que voulez-vous faire ?", "en": "What would you like to do?"}


@pytest.fixture
def patient_bot(api: FakeBotAPI, tmp_path: Path) -> Iterator[BotProcess]:
    """The bot of this checkout, with a flood limit a mediator typing a long questionnaire quickly never meets.

    The process starts in `tmp_path`: PYTHONPATH makes it import this tree's code and catalogs rather than those of
    the checkout the virtualenv was installed from.
    """
    process = BotProcess(api, tmp_path)
    process.env["FLOOD_LIMIT"] = "1000"
    process.env["PYTHONPATH"] = str(ROOT)
    process.start()
    yield process
    process.stop()


def months_later(day: date, months: int) -> date:
    """The same day `months` later, kept inside shorter months."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def french(day: date) -> str:
    """A date as the card writes it in French: « 1er mars 2027 », « 16 janvier 2027 »."""
    text = format_date(day, "d MMMM y", locale="fr_FR")
    return "1er" + text[1:] if day.day == 1 else text


def card(api: FakeBotAPI, user: FakeUser, steps: list[str], language: str = "fr") -> str:
    """Answer every step (press a button, type a text, tick a box) and return the result card."""
    screen: SentMessage | None = None
    for step in [*START[language], *steps, *END[language]]:
        kind, _, value = step.partition(":")
        if kind == "type":
            (screen,) = say(api, user, value)
        elif kind == "press":
            assert screen is not None
            (screen,) = press(api, user, screen, value)
        else:
            assert screen is not None
            screen = tick(api, user, screen, value)
    assert screen is not None
    result, menu = press(api, user, screen, CONFIRM[language], count=2)
    assert MENU[language] in menu.text
    assert "Pour les professionnels" not in result.text and "For professionals" not in result.text
    return result.text


@pytest.mark.usefixtures("patient_bot")
def test_five_drill_households_read_their_hand_worked_cards(api: FakeBotAPI) -> None:
    today = date.today()

    # 1. An asylum-seeking couple (35 and 33) with children of 12 and 6, arrived 20 days ago, no resources, no stable
    # home. D160-2 (décret 2019-1531): the adults wait more than 3 months — from the day after arrival + 3 months —
    # with urgent care meanwhile (CASF L254-1); their minor children are covered at once. No C2S yet.
    arrived = today - timedelta(days=20)
    covered = months_later(arrived, 3) + timedelta(days=1)
    text = card(
        api,
        api.user(71001, language_code="fr"),
        [
            "press:Demande d'asile",
            "press:Moins de 3 mois",
            f"type:{arrived:%d/%m/%Y}",
            f"type:{today.year - 35}",
            "type:4",
            "press:Oui",
            f"type:{today.year - 33}",
            "press:Non",
            "type:12",
            "type:6",
            "press:métropolitaine",
            "tick:Aucune de ces aides",
            "press:Valider",
            "press:Oui, à peu près",
            "type:0",
            "press:Non",
            "press:Sans logement",
        ],
    )
    assert "🟡 Couverture de base (PUMa) : pas encore" in text
    assert f"couverte après 3 mois de résidence, soit à partir du {french(covered)}." in text
    assert "• Vos enfants de moins de 18 ans n'ont pas à attendre" in text
    assert "→ Demandez dès maintenant l'affiliation de vos enfants à votre CPAM." in text
    assert "🏥 Soins urgents à l'hôpital" in text
    assert "C2S gratuite" not in text and "C2S avec participation" not in text

    # 2. A refugee (born 31 years ago) arrived 10 days ago, alone, tenant without benefit, who types her monthly
    # income the French way, "1 500,50": 1 500.50 × 12 = 18 006 €. Refugees are not asked for 3 months (D160-2).
    # 18 006 € is 29 % over the ceiling with participation for one person (10 339 × 1.35 = 13 957 €): grey, no amber.
    text = card(
        api,
        api.user(71002, language_code="fr"),
        [
            "press:Réfugié",
            "press:Moins de 3 mois",
            f"type:{today - timedelta(days=10):%d/%m/%Y}",
            f"type:{today.year - 31}",
            "type:1",
            "press:métropolitaine",
            "tick:Aucune de ces aides",
            "press:Valider",
            "press:Oui, à peu près",
            "type:1 500,50",
            "tick:Non, personne",
            "press:Valider",
            "press:Non",
            "press:sans aide",
        ],
    )
    assert "• La condition de 3 mois de résidence ne s'applique pas à vous : vous êtes réfugié·e" in text
    assert "⚪ C2S : peu probable avec ces ressources" in text
    assert "• Ressources du foyer sur 12 mois : 18\u202f006\u00a0€." in text

    # 3. A man without a permit, here for years, alone, 6 000 € over the last 12 months, tenant without benefit:
    # 6 000 € ≤ 10 339 € (free-C2S ceiling, CASF L251-1) → AME, first request in person, 9 months for planned care.
    text = card(
        api,
        api.user(71003, language_code="fr"),
        [
            "press:Sans titre",
            "press:Plus de 3 mois",
            "press:Passer",
            f"type:{today.year - 40}",
            "type:1",
            "press:métropolitaine",
            "press:Non, elles changent",
            "type:6000",
            "press:Non",
            "press:sans aide",
        ],
    )
    assert "🟢 AME (aide médicale de l'État) : droit probable" in text
    assert "→ La première demande se fait en personne à l'accueil de votre CPAM." in text
    assert "Soins urgents" not in text

    # 4. An ASPA couple, 71 and 65 on 1 January, 1 500 € a month of which 900 € ASPA, owners without a loan; the
    # partner worked in the last 3 months, so the ASPA gives no C2S without a resource check (décret 2023-671).
    # By resources: 18 000 − 12 × 110 (couple ASPA deduction) + 12 × 14 % × 651.69 × 1.5 (flat amount, 2 people)
    # = 16 680 + 1 642.26 = 18 322.26 €, between 15 508 € and 20 936 € → participation 30 € + 25 € = 55 €, the same
    # next year (72 and 66), and the same for someone born on 1 January (72 and 66): one amount, no other line.
    text = card(
        api,
        api.user(71004, language_code="fr"),
        [
            "press:Nationalité",
            "press:Plus de 3 mois",
            f"type:{today.year - 72}",
            "type:2",
            "press:Oui",
            f"type:{today.year - 66}",
            "press:métropolitaine",
            "tick:ASPA (minimum vieillesse)",
            "press:Valider",
            "press:Non",
            "press:Oui",
            "press:Oui, à peu près",
            "type:1500",
            "tick:Non, personne",
            "press:Valider",
            "press:Non",
            "type:900",
            "press:sans prêt",
        ],
    )
    assert "• Votre conjoint·e a eu une activité professionnelle ces 3 derniers mois" in text
    assert "🟢 C2S avec participation : droit probable" in text
    assert "55\u00a0€ par mois pour les 2 personnes du foyer" in text
    assert "1er janvier, l'âge" not in text

    # 5. In English: born 30 years ago (29 on 1 January of this year, 30 if born on 1 January), alone, 12 000 € over
    # 12 months (between 10 339 € and 13 957 €) → C2S with participation, 8 € for a decision this year; born on
    # 1 January: 14 € this year. From 1 November a decision next year counts 30 → 14 € for everyone.
    text = card(
        api,
        api.user(71005, language_code="en"),
        [
            "press:French or European",
            "press:More than 3 months",
            f"type:{today.year - 30}",
            "type:1",
            "press:In mainland France",
            "tick:None of these benefits",
            "press:Confirm",
            "press:No, it changes",
            "type:12000",
            "tick:No, nobody",
            "press:Confirm",
            "press:No",
            "press:Tenant, without housing benefit",
        ],
        "en",
    )
    assert "🟢 C2S with contribution: you are probably eligible" in text
    assert (
        f"If you were born on 1 January, you are one year older on 1 January than other people born the same year: "
        f"for a decision made in {today.year}, the monthly contribution would be €14." in text
    )
