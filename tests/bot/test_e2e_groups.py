"""In a group the bot runs no one's questionnaire: a command for it, or its being added, says how to write privately."""

from __future__ import annotations

from datetime import timedelta

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.support.clock import Clock
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI

PRIVATE_ONLY = "Pour protéger vos informations, je ne réponds pas dans un groupe."
PRIVATE_LINK = ("💬 M'écrire en privé", "https://t.me/faire_lien_test_bot")
GROUP = -1001234567
MINUTE = timedelta(seconds=60)


def moving(assistant: Assistant, clock: Clock) -> Assistant:
    """The same assistant on a clock the test moves."""
    return Assistant(assistant.flows, assistant.languages, clock=clock)


async def test_a_command_in_a_group_says_how_to_write_privately(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """/start, /start@this_bot and /HELP in a group, a minute apart: the notice with a button to the private chat."""
    api.group(GROUP)
    person = api.user(81001, language_code="fr")
    clock = Clock()
    async with driven_bot(api, db, moving(assistant, clock)) as bot:
        for text in ("/start", "/start@faire_lien_test_bot", "/HELP@Faire_Lien_Test_Bot s_1"):
            clock.now += MINUTE
            mark = api.mark(GROUP)
            api.send_group_text(person, GROUP, text)
            await bot.deliver()
            [notice] = [m for m in api.messages(GROUP) if m.message_id > mark]
            assert notice.text.startswith(PRIVATE_ONLY), notice.text
            assert notice.buttons == [[PRIVATE_LINK]]
    assert api.messages(person.chat_id) == []  # nothing of theirs started in the private chat either


async def test_the_notice_is_in_the_senders_language(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """Someone whose phone is in Ukrainian reads the notice and its button in Ukrainian."""
    api.group(GROUP)
    person = api.user(81002, language_code="uk")
    async with driven_bot(api, db, assistant) as bot:
        api.send_group_text(person, GROUP, "/start@faire_lien_test_bot")
        await bot.deliver()
    [notice] = api.messages(GROUP)
    assert notice.text.startswith("Щоб захистити вашу інформацію"), notice.text
    assert notice.buttons == [[("💬 Написати мені приватно", PRIVATE_LINK[1])]]


async def test_being_added_to_a_group_says_it_once(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """Added to a group: the notice once; made admin later, or removed: nothing more."""
    api.group(GROUP)
    person = api.user(81003, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        api.bot_status(person, GROUP, "left", "member")
        await bot.deliver()
        api.bot_status(person, GROUP, "member", "administrator")
        api.bot_status(person, GROUP, "administrator", "left")
        await bot.deliver()
    assert [m.text[: len(PRIVATE_ONLY)] for m in api.messages(GROUP)] == [PRIVATE_ONLY]


async def test_what_is_not_for_the_bot_stays_unanswered(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """People talking among themselves, or to another bot, get nothing from this one."""
    api.group(GROUP)
    person = api.user(81004, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for text in ("Bonjour à tous", "/start@other_bot", "1990"):
            api.send_group_text(person, GROUP, text)
        await bot.deliver()
        api.send_group_text(person, GROUP, "@faire_lien_test_bot tu es là ?")
        await bot.deliver()
    assert [m.text[: len(PRIVATE_ONLY)] for m in api.messages(GROUP)] == [PRIVATE_ONLY]


async def test_in_a_forum_topic_the_notice_goes_to_that_topic(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """Asked from a topic of a forum group: the notice is posted in that topic, where the person reads."""
    api.group(GROUP)
    person = api.user(81005, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        api.send_group_text(person, GROUP, "/start", topic=7)
        await bot.deliver()
    [call] = [c for c in api.calls_of("sendMessage") if c.params.get("chat_id") == GROUP]
    assert int(call.params["message_thread_id"]) == 7


async def test_a_crowd_asking_in_a_group_gets_one_notice_a_minute(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """Ten members send /start@bot together: one notice; a minute later the next one asking gets another.

    Meanwhile someone in their private chat is answered at each step, as if the group were quiet.
    """
    api.group(GROUP)
    crowd = [api.user(81100 + n, language_code="fr") for n in range(10)]
    person = api.user(81200, language_code="fr")
    clock = Clock()
    async with driven_bot(api, db, moving(assistant, clock)) as bot:
        for n, member in enumerate(crowd):
            api.send_group_text(member, GROUP, "/start@faire_lien_test_bot")
            if n == 5:
                api.send_text(person, "/start")
        await bot.deliver()
        assert [m.text[: len(PRIVATE_ONLY)] for m in api.messages(GROUP)] == [PRIVATE_ONLY]
        [welcome] = api.messages(person.chat_id)
        clock.now += MINUTE - timedelta(seconds=1)
        api.send_group_text(crowd[0], GROUP, "@faire_lien_test_bot ?")  # still within the minute: nothing
        api.press(person, welcome, welcome.button("Français"))
        await bot.deliver()
        assert len(api.messages(GROUP)) == 1
        assert len(api.messages(person.chat_id)) == 2  # the consent question, right away
        clock.now += timedelta(seconds=1)
        latecomer = api.user(81300, language_code="uk")
        api.send_group_text(latecomer, GROUP, "/start@faire_lien_test_bot")
        await bot.deliver()
    notices = api.messages(GROUP)
    assert len(notices) == 2
    assert notices[1].text.startswith("Щоб захистити вашу інформацію"), notices[1].text


async def test_each_group_has_its_own_minute(api: FakeBotAPI, db: Database, assistant: Assistant) -> None:
    """A notice just posted in one group does not silence another group where someone asks."""
    other = -1007654321
    api.group(GROUP)
    api.group(other)
    person = api.user(81400, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        api.send_group_text(person, GROUP, "/start@faire_lien_test_bot")
        api.send_group_text(person, other, "/start@faire_lien_test_bot")
        await bot.deliver()
    assert len(api.messages(GROUP)) == 1
    assert len(api.messages(other)) == 1


async def test_asking_over_and_over_in_a_group_does_not_slow_the_private_chat(
    api: FakeBotAPI, db: Database, assistant: Assistant
) -> None:
    """Someone sends /start@bot in a group more times than the flood limit, then writes privately: answered at once."""
    api.group(GROUP)
    person = api.user(81500, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for _ in range(25):  # more than FLOOD_LIMIT (20) within its window
            api.send_group_text(person, GROUP, "/start@faire_lien_test_bot")
        await bot.deliver()
        api.send_text(person, "/start")
        await bot.deliver()
    [welcome] = api.messages(person.chat_id)
    assert not welcome.text.startswith("Vous envoyez beaucoup de messages"), welcome.text
    assert welcome.button("Français")
    assert len(api.messages(GROUP)) == 1
