"""GFST as the HAS grid asks it: a day-hospital assessment is proposed unless the professional finds no frailty."""

from __future__ import annotations

import pytest

from dialogs.schema import Flow
from storage.db import Database
from storage.models import GridResult
from storage.people import Identity
from tests.conftest import make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.grids.test_grids_service import STAFF_ID, assistant_with_staff
from tests.support.cli import RunCli
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


NOT_CONCLUDED = (
    "📝 Bien vieillir : repérage de la fragilité\nMerci pour vos réponses. Elles ne suffisent pas pour conclure "
    "aujourd'hui. Parlez-en avec votre médecin traitant ou avec un professionnel ; un travailleur social peut aussi "
    "vous rappeler."
)


async def gfst_not_known(talker: Talker) -> None:
    """65 or over, then « Je ne sais pas » to the six questions."""
    for step in ["press:Questionnaire de repérage", "press:Bien vieillir", "press:Oui"]:
        await talker.do(step)
    for _ in range(6):
        await talker.do("press:Je ne sais pas")


async def test_six_dont_knows_never_read_as_no_sign_of_frailty(flows: dict[str, Flow], db: Database) -> None:
    talker = Talker(assistant_with_staff(flows), db)
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    await gfst_not_known(talker)
    assert "la personne vous paraît-elle fragile ?" in talker.screen[0].text  # the professional's impression
    await talker.do("press:Je ne sais pas")  # answering alone
    await talker.do("press:Non")  # no assessment in a day hospital

    card = talker.screen[0]
    assert card.text == NOT_CONCLUDED
    assert "Aucun signe" not in card.text
    assert card.labels() == [["📞 Parler à un travailleur social"]]
    assert [(r.grid_version, r.orientation) for r in await rows(db, GridResult)] == [(4, "not_concluded")]


@pytest.mark.parametrize("mediated", [False, True])
async def test_six_dont_knows_conclude_nothing_even_when_the_professional_finds_no_frailty(
    flows: dict[str, Flow], db: Database, mediated: bool
) -> None:
    talker = Talker(assistant_with_staff(flows), db, who=Identity(telegram_id=STAFF_ID))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    if mediated:
        await make_staff(db, STAFF_ID, "mediator")
        for step in ["/staff", "press:Questionnaire avec une personne", "press:Bien vieillir", "press:elle accepte"]:
            await talker.do(step)
        await talker.do("press:Oui")
        for _ in range(6):
            await talker.do("press:Je ne sais pas")
    else:
        await gfst_not_known(talker)
    await talker.do("press:Non")  # the professional: not frail

    card = talker.screen[0]
    assert card.text.startswith(NOT_CONCLUDED)
    assert "Aucun signe" not in card.text
    assert [(r.grid_version, r.orientation) for r in await rows(db, GridResult)] == [(4, "not_concluded")]
    if mediated:
        assert "🔒 Pour le professionnel : grille non concluante (trop peu de réponses pour un score) ; " in card.text


async def test_six_noes_still_show_no_sign(flows: dict[str, Flow], db: Database) -> None:
    talker = Talker(assistant_with_staff(flows), db)
    for step in ["/start", "press:Français", "press:J'accepte", "press:Questionnaire de repérage"]:
        await talker.do(step)
    for answer in ["Bien vieillir", "Oui", *["Non"] * 6]:
        await talker.do(f"press:{answer}")
    assert "Aucun signe de fragilité" in talker.screen[0].text
    assert [(r.score, r.orientation) for r in await rows(db, GridResult)] == [(0, "no_sign")]


async def test_a_mediator_sees_not_concluded_rather_than_a_score(flows: dict[str, Flow], db: Database) -> None:
    mediator = Talker(assistant_with_staff(flows), db, who=Identity(telegram_id=STAFF_ID))
    await make_staff(db, STAFF_ID, "mediator")
    for step in ["/start", "press:Français", "press:J'accepte", "/staff", "press:Questionnaire avec une personne"]:
        await mediator.do(step)
    for step in ["press:Bien vieillir", "press:Oui, elle accepte", "press:Oui"]:
        await mediator.do(step)
    for _ in range(7):  # the six questions and the professional's impression
        await mediator.do("press:Je ne sais pas")
    await mediator.do("press:Non")

    card = mediator.screen[0]
    assert card.text.startswith(NOT_CONCLUDED)
    assert (  # the orientation in words (before: « orientation « not_concluded » »)
        "🔒 Pour le professionnel : grille non concluante (trop peu de réponses pour un score) ; "
        "orientation « trop peu de réponses pour conclure »." in card.text
    )
    assert "score 0" not in card.text


async def test_the_command_line_lists_it_as_not_concluded(
    flows: dict[str, Flow], db: Database, run_cli: RunCli
) -> None:
    talker = Talker(assistant_with_staff(flows), db)
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    await gfst_not_known(talker)
    for answer in ["Je ne sais pas", "Non"]:
        await talker.do(f"press:{answer}")

    (line,) = run_cli("grids", "results", "gfst", "--staff", "marie", env={"DATABASE_URL": db.url}).check().splitlines()
    assert (  # the orientation in words (before: « orientation not_concluded »)
        " · non concluante · orientation : trop peu de réponses pour conclure · réponses données par la personne · "
        in line
    )
    assert "score" not in line and "person " not in line
