"""An old « Commencer » (a questionnaire begun in place of another) pressed over the questionnaire in progress now:
it asks « Reprendre / Commencer » naming that one, whose answers stay unless « Commencer » is chosen again."""

from __future__ import annotations

from sqlalchemy import select

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Conversation
from tests.dialogs.golden_driver import Person as Talker
from tests.support.driven_bot import DrivenBot, driven_bot
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage

PROMPT = (
    "Vous êtes en train de répondre à « {title} ». « Reprendre » garde vos réponses ; commencer « {new} » les efface."
)
EPICES = "Questionnaire EPICES"
CARE = "Accès aux soins"


async def said(
    api: FakeBotAPI, bot: DrivenBot, person: FakeUser, action: str, on: SentMessage | None = None
) -> list[SentMessage]:
    """Send a text, or press a button ("press:label") of the given message or else of the latest one with buttons;
    what the bot showed."""
    mark = api.mark(person.chat_id)
    if action.startswith("press:"):
        shown = on or [m for m in api.messages(person.chat_id) if m.buttons][-1]
        api.press(person, shown, shown.button(action[len("press:") :]))
    else:
        api.send_text(person, action)
    await bot.deliver()
    return [m for m in api.messages(person.chat_id) if m.message_id > mark]


async def in_progress(db: Database) -> tuple[str, dict[str, object]]:
    """The questionnaire in progress and its answers, as stored."""
    async with db.unit_of_work() as session:
        conversation = (await session.execute(select(Conversation))).scalar_one()
        return conversation.flow_id, dict(conversation.answers)


async def test_an_old_start_button_asks_again_over_the_questionnaire_in_progress_now(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    person = api.user(85001, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité", "/menu"):
            shown = await said(api, bot, person, step)
        [grids] = await said(api, bot, person, "press:📝 Questionnaire de repérage", on=shown[0])
        [first] = await said(api, bot, person, f"press:{EPICES}")
        assert first.text == PROMPT.format(title="Bilan de droits santé", new=EPICES)
        assert first.labels == ["Reprendre « Bilan de droits santé »", f"Commencer « {EPICES} »"]
        assert "Bilan de droits santé · question 2" in (await said(api, bot, person, "press:Reprendre"))[-1].text
        [second] = await said(api, bot, person, f"press:{CARE}", on=grids)  # set aside, this time
        assert "Accès aux soins · question 1" in (await said(api, bot, person, "press:Commencer"))[-1].text
        assert "Accès aux soins · question 2" in (await said(api, bot, person, "press:Oui"))[-1].text

        [asked] = await said(api, bot, person, "press:Commencer", on=first)  # the first prompt's, pressed now
        assert asked.text == PROMPT.format(title=CARE, new=EPICES)
        assert asked.labels == [f"Reprendre « {CARE} »", f"Commencer « {EPICES} »"]
        assert await in_progress(db) == ("renoncement", {"renounced": True})  # nothing erased
        [question] = await said(api, bot, person, "press:Reprendre")
        assert question.text.startswith("Accès aux soins · question 2\nÀ quels soins avez-vous renoncé ?")
        assert "☐ Dentiste" in question.labels

        again = await said(api, bot, person, "press:Commencer", on=second)  # the questionnaire in progress' own
        assert again[-1].text.startswith("Bon retour ! On reprend où vous en étiez.\n\nAccès aux soins · question 2")
        started = await said(api, bot, person, "press:Commencer", on=asked)  # chosen again, over the grid it names
        assert "Questionnaire EPICES · question 1" in started[-1].text
        assert await in_progress(db) == ("epices", {})


async def test_a_start_button_drawn_before_this_change_erases_nothing(assistant: Assistant, db: Database) -> None:
    """« new:epices » without the questionnaire it sets aside (a keyboard already in a chat): an old button, refused,
    then the question in progress."""
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité"]:
        await talker.do(step)
    await talker.do("raw:new:epices")
    assert talker.screen[-1].text.startswith("Ce bouton n'est plus valide. Voici où vous en êtes.")
    assert "Bilan de droits santé · question 2" in talker.screen[-1].text
    assert await in_progress(db) == ("rights_check", {"residence": "national"})
