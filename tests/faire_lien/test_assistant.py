"""What is stored (and what is not) as a person talks with the assistant."""

from __future__ import annotations

from typing import Any

from faire_lien.assistant import Assistant
from faire_lien.core.screens import CONSENT_VERSION
from storage.db import Database
from storage.models import Answer, Conversation, Person, Response
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person as Talker
from tests.support.db import rows


async def snapshot(db: Database) -> tuple[Any, ...]:
    people = [(p.language, p.consent, p.turn) for p in await rows(db, Person)]
    conversations = [(c.flow_id, c.step_id, c.answers, c.history) for c in await rows(db, Conversation)]
    return people, conversations, len(await rows(db, Answer))


async def test_nothing_is_stored_before_the_consent_decision(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in ["/start", "type:bonjour", "media", "/privacy", "press:Français", "press:En savoir plus"]:
        await talker.do(step)
    assert await rows(db, Person) == []


async def test_refusal_stores_only_the_refusal(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in [
        "/start",
        "press:English",
        "press:I do not agree",
        "raw:menu:rights",
        "raw:go:about_you",
        "type:3",
        "/menu",
    ]:
        await talker.do(step)
    (person,) = await rows(db, Person)
    assert (person.consent, person.language, person.consent_version) == ("refused", "en", CONSENT_VERSION)
    assert person.consent_at == NOW
    assert await rows(db, Conversation) == []
    assert await rows(db, Answer) == []
    assert "consent" in talker.screen[-1].text.lower() or "Give my consent" in str(talker.screen[-1].labels())


async def test_consent_is_recorded_with_time_and_version(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    (person,) = await rows(db, Person)
    assert (person.consent, person.consent_at, person.consent_version) == ("accepted", NOW, CONSENT_VERSION)
    assert person.telegram_id == 4242


async def test_each_step_is_committed_and_answers_land_under_step_ids(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "raw:go:about_you", "type:3", "type:42"]:
        await talker.do(step)
    (conversation,) = await rows(db, Conversation)
    assert (conversation.flow_id, conversation.flow_version, conversation.step_id) == ("about_you", 1, "postcode")
    assert conversation.answers == {"household_size": 3, "age": 42}
    for step in ["type:86000", "press:emploi"]:
        await talker.do(step)
    assert await rows(db, Conversation) == []
    (response,) = await rows(db, Response)
    assert (response.flow_id, response.flow_version) == ("about_you", 1)
    stored = {a.step_id: a.value for a in await rows(db, Answer)}
    assert stored == {"household_size": 3, "age": 42, "postcode": "86000", "situation": "employed"}


async def test_bad_input_changes_nothing_stored(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "raw:go:about_you", "type:3", "type:42"]:
        await talker.do(step)
    before = await snapshot(db)
    bad = ["type:", "type:" + "x" * 4096, "media", "edited", "/nope", "raw:f:1:o0", "raw:menu:nope", "raw:" + "f" * 80]
    for step in bad:
        replies = await talker.do(step)
        assert "code postal" in replies[-1].text
    assert await snapshot(db) == before


async def test_an_update_delivered_twice_is_applied_once(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "raw:go:about_you", "type:3"]:
        await talker.do(step)
    replies = await talker.send("text", "50", again=True)  # the last update, delivered again after a crash
    (conversation,) = await rows(db, Conversation)
    assert conversation.answers == {"household_size": 3}
    assert "Quel âge" in replies[-1].text


async def test_a_newcomers_update_delivered_again_shows_the_screen_again(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    first = await talker.do("/start")
    again = await talker.send("command", "/start", again=True)  # the reply was lost in a crash before it went out
    assert [r.labels() for r in again] == [r.labels() for r in first] and "Français" in str(again[-1].labels())
    await talker.do("press:Français")
    again = await talker.send("action", talker.action("J'accepte"), again=False)
    assert await rows(db, Person) != []
    repeated = await talker.send("action", "consent:yes:fr", again=True)
    assert len(await rows(db, Person)) == 1 and "Bilan" in str(repeated[-1].labels())


async def test_a_second_flow_does_not_silently_replace_the_first(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    steps = ["/start", "press:Français", "press:J'accepte", "raw:go:about_you", "type:3", "/menu", "raw:go:about_you"]
    for step in steps:
        await talker.do(step)
    (conversation,) = await rows(db, Conversation)
    assert conversation.step_id == "age"
    assert "On reprend" in talker.screen[-1].text


async def test_flow_updated_mid_conversation_resumes_or_restarts(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "raw:go:about_you", "type:3", "type:42"]:
        await talker.do(step)
    flow = assistant.flows["about_you"]
    same_steps = flow.model_copy(update={"version": 2})
    assistant.flows["about_you"] = same_steps
    replies = await talker.do("type:86000")
    assert "Quelle est votre situation" in replies[-1].text
    (conversation,) = await rows(db, Conversation)
    assert conversation.flow_version == 2
    without_postcode = flow.model_copy(
        update={"version": 3, "steps": [s for s in flow.steps if s.id not in ("postcode", "situation")]}
    )
    assistant.flows["about_you"] = without_postcode
    replies = await talker.do("/start")
    assert "Ce questionnaire a été mis à jour : nous reprenons au début." in replies[-1].text
    assert "Combien de personnes" in replies[-1].text
    (conversation,) = await rows(db, Conversation)
    assert (conversation.flow_version, conversation.step_id, conversation.answers) == (3, "household_size", {})


async def test_flow_removed_mid_conversation_goes_back_to_the_menu(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "raw:go:about_you", "type:3"]:
        await talker.do(step)
    del assistant.flows["about_you"]
    replies = await talker.do("type:42")
    assert "Ce questionnaire n'est plus disponible" in replies[-1].text
    assert await rows(db, Conversation) == []


async def test_menu_mid_questionnaire_hands_back_the_question_so_typed_text_answers_what_is_shown(
    assistant: Assistant, db: Database
) -> None:
    """/menu shows the menu, then the open question again (as /help does): text is never taken for a hidden question."""
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "raw:go:about_you", "type:3"]:
        await talker.do(step)
    menu, *question = await talker.do("/menu")
    assert "Que voulez-vous faire ?" in menu.text
    assert "Votre questionnaire reste ouvert : le menu est au-dessus. Reprenons :" in question[-1].text
    assert "Quel âge" in question[-1].text  # the last screen shown is the question being answered
    await talker.do("type:42")
    (conversation,) = await rows(db, Conversation)
    assert (conversation.step_id, conversation.answers) == ("postcode", {"household_size": 3, "age": 42})


async def test_menu_without_a_questionnaire_is_the_menu_alone(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    (menu,) = await talker.do("/menu")
    assert "Que voulez-vous faire ?" in menu.text
