"""The phone number given for a call-back, as people write it: spaces, dots, hyphens, 00 for abroad, their digits."""

from __future__ import annotations

import pytest

from cli.requests import list_requests
from faire_lien.assistant import Assistant
from faire_lien.cases.phones import french_phone
from storage.db import Database
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.person.test_offers import finish_check

TO_PHONE = ["press:📞 Parler", "press:Oui", "press:Par téléphone"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06.12.34.56.78", "0612345678"),  # the way French numbers are often written
        ("06-12-34-56-78", "0612345678"),
        ("0033 6 12 34 56 78", "0033612345678"),  # 00 for abroad, from a foreign phone's habit
        ("0044 20 7946 0958", "00442079460958"),
        ("+33 6.12.34.56.78", "+33612345678"),
        ("٠٦.١٢.٣٤.٥٦.٧٨", "0612345678"),  # Eastern Arabic digits
    ],
)
async def test_a_number_written_with_dots_hyphens_or_00_is_taken(
    assistant: Assistant, db: Database, typed: str, stored: str
) -> None:
    talker = Talker(assistant, db)
    await finish_check(talker, ["press:Non"])
    for step in TO_PHONE:
        await talker.do(step)
    await talker.do(f"type:{typed}")
    assert "Écrivez un numéro de téléphone" not in talker.screen[0].text
    assert "À quel moment préférez-vous être contacté·e ?" in talker.screen[-1].text
    await talker.do("press:Le matin")
    assert talker.screen[0].text.startswith("✅ Votre demande de contact est enregistrée.")
    lines = await list_requests(db.engine.url.render_as_string(hide_password=False), "marie", assistant.flows)
    assert f"Téléphone : {french_phone(stored)}" in lines[1]  # what staff dial, a French number by pairs


@pytest.mark.parametrize("typed", ["06 12 34", "+33 (0)6 12 34 56 78", "06..12.34.56.78", "tel 0612345678"])
async def test_a_number_that_cannot_be_dialled_as_written_is_refused_with_an_example(
    assistant: Assistant, db: Database, typed: str
) -> None:
    talker = Talker(assistant, db)
    await finish_check(talker, ["press:Non"])
    for step in TO_PHONE:
        await talker.do(step)
    await talker.do(f"type:{typed}")
    assert talker.screen[0].text.startswith("Écrivez un numéro de téléphone, par exemple : 06 12 34 56 78.")
