"""A grid whose definition changes while someone answers it is never scored with options or points they did not see."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Conversation, GridResult
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.grids.test_grids_service import HIGH, assistant_with_staff
from tests.support.db import rows

FIRST_QUESTION = "Rencontrez-vous parfois un travailleur social ?"
UPDATED = "Ce questionnaire a été mis à jour : nous reprenons au début."


def with_new_points(flow: Flow, version: int = 2) -> Flow:
    """The grid as a deploy changes it: the same step ids, version 2 (unless told), « oui » to Q1 now worth 40
    points."""
    raw = flow.model_dump(mode="json", exclude_none=True)
    raw["version"] = version
    raw["scoring"]["points"]["q1"] = {"yes": 40}
    return Flow.model_validate(raw)


async def at_the_last_question(flows: dict[str, Flow], db: Database) -> tuple[Assistant, Talker]:
    """Someone who accepted, opened EPICES and gave its first ten answers (the eleventh question shown)."""
    assistant = assistant_with_staff(flows)
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "press:Questionnaire de repérage", "press:EPICES"]:
        await talker.do(step)
    for answer in HIGH[:-1]:
        await talker.do(f"press:{answer}")
    return assistant, talker


async def test_a_grid_changed_midway_starts_again_rather_than_mixing_two_versions(
    flows: dict[str, Flow], db: Database
) -> None:
    """Ten EPICES answers given, then version 2 changes Q1's points: the eleventh answer reads « Ce questionnaire a
    été mis à jour : nous reprenons au début. » with the first question, no result is stored and none of the ten
    answers is kept; before, « Ce bouton n'est plus valide. » showed question 11 again and, answered, the ten
    earlier answers were scored with version 2's points (112.19 rather than 82.25, stored as version 2), the person
    told their orientation from it. Answered again from the start, the grid is scored with version 2 alone."""
    assistant, talker = await at_the_last_question(flows, db)
    assistant.flows["epices"] = with_new_points(assistant.flows["epices"])

    shown = await talker.do(f"press:{HIGH[-1]}")
    assert shown[-1].text.startswith(UPDATED), shown[-1].text
    assert FIRST_QUESTION in shown[-1].text and shown[-1].labels()[0] == ["Oui", "Non"]
    assert await rows(db, GridResult) == []
    (conversation,) = await rows(db, Conversation)
    assert (conversation.flow_version, conversation.step_id, conversation.answers) == (2, "q1", {})

    for answer in HIGH:
        await talker.do(f"press:{answer}")
    (result,) = await rows(db, GridResult)
    assert (result.grid_version, result.score) == (2, Decimal("112.19"))


async def test_a_grid_edited_without_a_version_bump_starts_again_too(flows: dict[str, Flow], db: Database) -> None:
    """Staff edit EPICES's YAML in place (Q1's points) and forget to bump its version while someone is at question
    11: the eleventh answer reads « Ce questionnaire a été mis à jour : nous reprenons au début. » with the first
    question and nothing is stored; before, the ten earlier answers were scored with the new points (112.19 rather
    than 82.25) under the same version 1. A label changed in place, no answer is scored otherwise: the grid goes
    on."""
    assistant, talker = await at_the_last_question(flows, db)
    grid = assistant.flows["epices"]
    assert grid.fingerprint is not None
    (conversation,) = await rows(db, Conversation)
    assert conversation.flow_fingerprint == grid.fingerprint
    relabelled = grid.model_dump(mode="json", exclude_none=True)
    relabelled["scoring"]["orientations"][0]["label"] = "à revoir"
    assert Flow.model_validate(relabelled).fingerprint == grid.fingerprint
    assistant.flows["epices"] = with_new_points(grid, version=grid.version)

    shown = await talker.do(f"press:{HIGH[-1]}")
    assert shown[-1].text.startswith(UPDATED), shown[-1].text
    assert FIRST_QUESTION in shown[-1].text
    assert await rows(db, GridResult) == []
    (conversation,) = await rows(db, Conversation)
    assert (conversation.flow_version, conversation.step_id, conversation.answers) == (grid.version, "q1", {})
    assert conversation.flow_fingerprint == assistant.flows["epices"].fingerprint != grid.fingerprint
    for answer in HIGH:
        await talker.do(f"press:{answer}")
    (result,) = await rows(db, GridResult)
    assert result.score == Decimal("112.19")


def reworded(flow: Flow) -> Flow:
    """The grid with a typo fixed in place, version unchanged: Q1's question reworded and given a help text."""
    raw = flow.model_dump(mode="json", exclude_none=True)
    first = raw["steps"][0]
    first["text"] = "Rencontrez-vous parfois un·e travailleur·euse social·e ?"
    first["help"] = "Assistante sociale, éducateur, conseillère…"
    return Flow.model_validate(raw)


async def test_a_wording_fixed_in_place_keeps_the_answers_given(flows: dict[str, Flow], db: Database) -> None:
    """Staff fix a typo in EPICES's first question and add a help text without a version bump while someone is at
    question 11: the eleventh answer is taken and the grid is scored from all eleven, 82.25 as before the fix; before,
    the person read « Ce questionnaire a été mis à jour : nous reprenons au début. » and lost their ten answers."""
    assistant, talker = await at_the_last_question(flows, db)
    grid = assistant.flows["epices"]
    assistant.flows["epices"] = reworded(grid)
    assert assistant.flows["epices"].fingerprint == grid.fingerprint

    shown = await talker.do(f"press:{HIGH[-1]}")
    assert not any(UPDATED in reply.text for reply in shown), shown[-1].text
    (result,) = await rows(db, GridResult)
    assert (result.grid_version, result.score) == (grid.version, Decimal("82.25"))


async def test_a_conversation_saved_with_the_older_fingerprint_goes_on(flows: dict[str, Flow], db: Database) -> None:
    """A conversation stored before wordings were left out of the fingerprint (its fingerprint counted them) is not
    sent back to question 1 by the new way of counting: its eleventh answer is scored with the ten before (82.25)."""
    assistant, talker = await at_the_last_question(flows, db)
    grid = assistant.flows["epices"]
    assert grid.wording_fingerprint not in (None, grid.fingerprint)
    async with db.unit_of_work() as session:
        (conversation,) = (await session.execute(select(Conversation))).scalars().all()
        conversation.flow_fingerprint = grid.wording_fingerprint

    shown = await talker.do(f"press:{HIGH[-1]}")
    assert not any(UPDATED in reply.text for reply in shown), shown[-1].text
    (result,) = await rows(db, GridResult)
    assert result.score == Decimal("82.25")
