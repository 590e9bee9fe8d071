"""How many dates each kind of meeting has, and the dates offered to someone with a mediator, in the reader's digits."""

from __future__ import annotations

import pytest

from dialogs.i18n import language_name
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.people import Identity
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.sessions.test_session_screens import publish
from tests.faire_lien.staff.test_mediated_offers import a_mediator, mediated_check


@pytest.mark.parametrize(("language", "two", "one"), [("fa", "(۲)", "(۱)"), ("fr", "(2)", "(1)"), ("ar", "(2)", "(1)")])
async def test_the_kinds_count_their_dates_in_the_readers_digits(
    assistant: Assistant, db: Database, language: str, two: str, one: str
) -> None:
    for days in (9, 10):
        await publish(db, days=days)
    await publish(db, kind="checkup")
    talker = Talker(assistant, db, who=Identity(telegram_id=88), language_hint=language)
    for step in ["/start", f"press:{language_name(language)}", f"raw:consent:yes:{language}", "raw:menu:sessions"]:
        await talker.do(step)
    (information, checkup, _menu) = [row[0].label for row in talker.screen[0].buttons]
    assert information.endswith(two) and checkup.endswith(one), (information, checkup)


async def test_the_dates_offered_with_a_mediator_are_numbered_in_the_persons_digits(
    assistant: Assistant, db: Database
) -> None:
    for days in (9, 10):
        await publish(db, days=days)
    mediator = await a_mediator(assistant, db)
    await mediated_check(mediator, "fa")
    await mediator.do("press:📅")
    dates = mediator.screen[0]
    assert "\n۱. 📅" in dates.text and "\n۲. 📅" in dates.text, dates.text
    labels = [row[0].label for row in dates.buttons[:2]]
    assert labels[0].startswith("۱. ") and labels[1].startswith("۲. "), labels
