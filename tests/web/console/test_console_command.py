"""/console in the bot (and the 🖥 button of /staff) sends a one-time link that signs that staff member in."""

from __future__ import annotations

import re

from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.web.console.conftest import Desk

LINK = re.compile(r"http://127\.0\.0\.1:8080(/login/[\w-]+)")


async def _talker(flows: dict[str, Flow], db: Database, telegram_id: int) -> Talker:
    shipped = {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}
    assistant = Assistant(shipped, available_languages(), clock=lambda: NOW, console_url="http://127.0.0.1:8080/")
    talker = Talker(assistant, db, who=Identity(telegram_id=telegram_id))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    return talker


async def test_console_command_signs_the_mediator_in(flows: dict[str, Flow], db: Database, desk: Desk) -> None:
    await make_staff(db, 61, "mediator")
    mediator = await _talker(flows, db, 61)
    await mediator.do("/console")
    text = mediator.screen[0].text
    assert "valable 10 minutes et une seule fois" in text
    found = LINK.search(text)
    assert found is not None
    browser = desk.browser()
    assert (await browser.post(found.group(1))).status_code == 303
    home = await browser.get("/")
    assert home.status_code == 200 and "médiation" in home.text
    assert (await desk.browser().post(found.group(1))).status_code == 403  # single use


async def test_the_staff_menu_has_a_console_button(flows: dict[str, Flow], db: Database) -> None:
    await make_staff(db, 62, "facilitator")
    facilitator = await _talker(flows, db, 62)
    await facilitator.do("/staff")
    assert ["🖥 Console web"] in facilitator.screen[0].labels()
    await facilitator.do("press:Console web")
    assert LINK.search(facilitator.screen[0].text) is not None
    await facilitator.do("press:Espace professionnels")
    assert facilitator.screen[0].text == "Espace professionnels :"


async def test_console_command_is_unknown_to_people_without_a_role(flows: dict[str, Flow], db: Database) -> None:
    person = await _talker(flows, db, 63)
    await person.do("/console")
    assert person.screen[0].text.startswith("Je ne connais pas cette commande.")
    assert LINK.search(person.screen[0].text) is None
