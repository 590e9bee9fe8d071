"""Starting a survey over a questionnaire in progress: « Reprendre » keeps its answers, « Commencer » erases them,
and a « Commencer » pressed later, over another questionnaire, asks again instead of erasing that one."""

from __future__ import annotations

from dialogs.schema import Flow
from storage.db import Database
from storage.models import Conversation
from tests.faire_lien.surveys.test_survey_in_progress import polled
from tests.support.db import rows, set_aside_now

PROMPT = (
    "Vous êtes en train de répondre à « {title} ». « Reprendre » garde vos réponses ; commencer « {new} » les efface."
)
HOT = "Votre avis sur la rencontre · Réunion C2S · 14 nov."
"""The survey in full: the questionnaire, then its session and day (the glossary's word on « C2S » under it)."""


async def test_starting_the_survey_erases_the_rights_check_resuming_keeps_it(
    flows: dict[str, Flow], db: Database
) -> None:
    talker, (invitation,) = await polled(flows, db, 1)
    for step in ["press:Bilan de mes droits", "press:Nationalité"]:
        await talker.do(step)
    await talker.do(f"raw:sv:{invitation}")
    assert talker.screen[0].text.split("\n\n")[0] == PROMPT.format(title="Bilan de droits santé", new=HOT)
    await talker.do("press:Reprendre")
    assert "Bilan de droits santé · question 2" in talker.screen[0].text  # kept
    await talker.do(f"raw:sv:{invitation}")
    await talker.do("press:Commencer")
    assert "Votre avis sur la rencontre · question 1" in talker.screen[0].text
    (conversation,) = await rows(db, Conversation)
    assert (conversation.flow_id, conversation.invitation_id) == ("hot_evaluation", invitation)
    await talker.do("press:😀")
    await talker.do("raw:menu:rights")  # the rights check is gone: asked about the survey, then begun afresh
    assert talker.screen[0].text.startswith("Vous êtes en train de répondre à « Votre avis sur la rencontre")
    await talker.do("press:Commencer")
    assert "Bilan de droits santé · question 1" in talker.screen[-1].text


async def test_an_old_start_button_over_another_questionnaire_asks_again(flows: dict[str, Flow], db: Database) -> None:
    """The prompt named the rights check; the person resumed it, then set it aside for a screening grid: pressing
    that old « Commencer » now names the grid and erases nothing."""
    talker, (invitation,) = await polled(flows, db, 1)
    for step in ["press:Bilan de mes droits", "press:Nationalité"]:
        await talker.do(step)
    await talker.do(f"raw:sv:{invitation}")
    old_start = talker.action("Commencer")
    await talker.do("press:Reprendre")
    await talker.do(f"raw:new:epices:{await set_aside_now(db)}")  # the grid, started over the rights check
    await talker.do("press:Oui")
    assert "Questionnaire EPICES · question 2" in talker.screen[0].text
    await talker.do(f"raw:{old_start}")
    assert talker.screen[0].text.split("\n\n")[0] == PROMPT.format(title="Questionnaire EPICES", new=HOT)
    (conversation,) = await rows(db, Conversation)
    assert conversation.flow_id == "epices" and conversation.answers  # nothing erased
    await talker.do("press:Reprendre")
    assert "Questionnaire EPICES · question 2" in talker.screen[0].text
    await talker.do(f"raw:{old_start}")
    await talker.do("press:Commencer")  # chosen now, over the grid it names: the survey starts
    assert "Votre avis sur la rencontre · question 1" in talker.screen[0].text


async def test_a_start_button_drawn_before_this_change_erases_nothing(flows: dict[str, Flow], db: Database) -> None:
    """« svn:ID » without the questionnaire it sets aside (a keyboard already in a chat): an old button, refused."""
    talker, (invitation,) = await polled(flows, db, 1)
    for step in ["press:Bilan de mes droits", "press:Nationalité"]:
        await talker.do(step)
    await talker.do(f"raw:svn:{invitation}")
    (conversation,) = await rows(db, Conversation)
    assert conversation.flow_id == "rights_check" and conversation.answers
    assert any("Bilan de droits santé · question 2" in reply.text for reply in talker.screen)
