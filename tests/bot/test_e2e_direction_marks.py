"""Numbers typed with the invisible marks right-to-left keyboards add, or copied from the bot's own Persian text
(a year between the isolates U+2068/U+2069, a line starting with U+200F): read as the number, not refused."""

from __future__ import annotations

from datetime import date

from babel import Locale
from sqlalchemy import select

from dialogs.schema import Step
from dialogs.steps.base import Refused
from dialogs.steps.date import parse_date
from dialogs.steps.number import parse_number
from dialogs.steps.time import parse_time
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Conversation
from tests.faire_lien.core.test_cancel import BORN, said
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI

RLM, LRM, ALM, FSI, PDI, ZWSP, BOM = "\u200f", "\u200e", "\u061c", "\u2068", "\u2069", "\u200b", "\ufeff"
AMOUNT = Step(id="amount", kind="number", text="Montant ?", min=0, max=100000, decimals=True, money=True)
ARRIVED = Step(id="arrived", kind="date", text="Arrivée ?", past_only=True)
FRENCH, ARABIC = Locale("fr"), Locale("ar")


async def test_a_year_between_direction_marks_is_taken(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """Asked the year of birth, the person types "⁨۱۹۸۰⁩" with an RLM: question 4, and 1980 is stored."""
    person = api.user(90201, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité"):
            await said(api, bot, person, step)
        assert BORN in (await said(api, bot, person, "press:Plus de 3 mois"))[-1].text
        shown = await said(api, bot, person, f"{RLM}{FSI}۱۹۸۰{PDI}{RLM}")
        assert "question 4" in shown[-1].text, shown[-1].text
    async with db.unit_of_work() as session:
        answers = await session.scalar(select(Conversation.answers))
    assert answers is not None and answers["born"] == "1980"


def test_every_kind_of_typed_figure_reads_through_invisible_marks() -> None:
    for mark in (RLM, LRM, ALM, ZWSP, BOM):
        assert parse_number(AMOUNT, f"{mark}١٢٠٠{mark} €", ARABIC) == 1200
        assert parse_number(AMOUNT, f"{FSI}1 200,50{PDI}{mark}", FRENCH) == "1200.5"
        assert parse_date(ARRIVED, f"{mark}۲۵/۰۳/۲۰۲۵{mark}", date(2026, 11, 22)) == "2025-03-25"
        assert parse_time(f"{FSI}١٤:٣٠{PDI}{mark}") == "14:30"
    assert isinstance(parse_number(AMOUNT, f"{RLM}{PDI}", FRENCH), Refused)  # marks alone are still an empty answer


async def test_a_command_with_invisible_marks_is_recognised(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """ "/menu" with the zero-width space, RLM or LRM some keyboards add: the menu (before: "unknown command")."""
    person = api.user(90202, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte"):
            await said(api, bot, person, step)
        for typed in (f"/menu{ZWSP}", f"{RLM}/menu", f"/menu{LRM}{BOM}", f"{LRM}/MENU{ZWSP} "):
            shown = await said(api, bot, person, typed)
            assert shown[-1].text == "Que voulez-vous faire ?", (typed, shown[-1].text)
