"""GFST as the HAS grid asks it: a day-hospital assessment is proposed unless the professional finds no frailty."""

from __future__ import annotations

from dialogs.schema import Flow
from storage.db import Database
from storage.models import GridResult
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.grids.test_grids_service import assistant_with_staff
from tests.support.db import rows

SIGNS = ["Oui", "Non", "Non", "Non", "Non", "Non", "Oui"]  # 65 or over, walks more slowly than before
ACCEPTS = "Accepteriez-vous une évaluation de la fragilité en hôpital de jour ?"


async def gfst(flows: dict[str, Flow], db: Database, impression: str) -> Talker:
    talker = Talker(assistant_with_staff(flows), db)
    for step in [
        "/start",
        "press:Français",
        "press:J'accepte",
        "press:Questionnaire de repérage",
        "press:Bien vieillir",
    ]:
        await talker.do(step)
    for answer in [*SIGNS, impression]:
        await talker.do(f"press:{answer}")
    return talker


async def test_no_assessment_is_proposed_when_the_professional_finds_no_frailty(
    flows: dict[str, Flow], db: Database
) -> None:
    talker = await gfst(flows, db, "Non")
    assert ACCEPTS not in talker.screen[0].text
    assert talker.screen[0].text.startswith("📝 Bien vieillir : repérage de la fragilité\nMerci. Certains signes")
    assert [r.orientation for r in await rows(db, GridResult)] == ["talk_to_doctor"]


async def test_the_assessment_is_proposed_when_the_professional_is_unsure(flows: dict[str, Flow], db: Database) -> None:
    talker = await gfst(flows, db, "Je ne sais pas")
    assert ACCEPTS in talker.screen[0].text
    await talker.do("press:Oui")
    assert [r.orientation for r in await rows(db, GridResult)] == ["assessment"]
    card = talker.screen[0]  # nothing reaches a professional by itself: the card says how to ask for it
    assert "Un professionnel va vous proposer" not in card.text
    assert card.text.endswith(
        "Pour qu'un professionnel vous propose un rendez-vous en hôpital de jour, demandez à "
        "être rappelé·e avec le bouton ci-dessous."
    )
    assert card.labels() == [["📞 Parler à un travailleur social"]]
    await talker.do("press:Parler à un travailleur social")
    assert "Êtes-vous d'accord ?" in talker.screen[-1].text  # the call-back request, which opens a case
