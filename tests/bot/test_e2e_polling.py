"""End to end over HTTP: /start → language → consent → flow → SIGKILL → restart → same step."""

from __future__ import annotations

from tests.bot.conftest import TOKEN, BotProcess
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage


def say(api: FakeBotAPI, user: FakeUser, text: str, count: int = 1) -> list[SentMessage]:
    mark = api.mark(user.chat_id)
    api.send_text(user, text)
    return api.wait_for_messages(user.chat_id, count, after=mark, timeout=30)


def press(api: FakeBotAPI, user: FakeUser, message: SentMessage, label: str, count: int = 1) -> list[SentMessage]:
    mark = api.mark(user.chat_id)
    api.press(user, message, message.button(label))
    return api.wait_for_messages(user.chat_id, count, after=mark, timeout=30)


def test_full_conversation_survives_sigkill(api: FakeBotAPI, bot: BotProcess) -> None:
    user = api.user(70001, first_name="Amina", language_code="en-GB")
    (welcome,) = say(api, user, "/start")
    assert "Choose your language" in welcome.text
    assert welcome.labels == ["English", "Français"]

    (consent,) = press(api, user, welcome, "English")
    assert "Do you agree to have your answers saved?" in consent.text
    (menu,) = press(api, user, consent, "I agree")
    assert "What would you like to do?" in menu.text
    (q1,) = press(api, user, menu, "Check my health rights")
    assert "How many people live in your household" in q1.text
    assert q1.labels == ["↺ Start over"]

    (refused,) = say(api, user, "12 ans")
    assert refused.text.startswith("I did not understand this number. Write only digits, for example: 3.")
    assert "How many people live in your household" in refused.text
    (photo_reply,) = (api.send_photo(user), api.wait_for_messages(user.chat_id, 1, after=refused.message_id))[1]
    assert "I can only read text and buttons" in photo_reply.text

    (q2,) = say(api, user, "3")
    assert "How old are you?" in q2.text

    bot.kill()
    api.send_text(user, "42")  # arrives while the bot is down: Telegram keeps it
    mark = api.mark(user.chat_id)
    bot.start()
    (q3,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=60)
    assert "What is the postcode of your town?" in q3.text

    (stale,) = press(api, user, q2, "Back")  # a button from before the crash, one step behind
    assert stale.text.startswith("This button is no longer valid.")
    assert "What is the postcode of your town?" in stale.text

    bot.kill()
    bot.start()
    (resumed,) = say(api, user, "/start")
    assert "Let's continue where you stopped" in resumed.text
    assert "What is the postcode of your town?" in resumed.text

    (q4,) = say(api, user, "86000")
    (card, final_menu) = press(api, user, q4, "Retired", count=2)
    assert card.text.splitlines() == [
        "Summary of your answers:",
        "• People in the household: 3",
        "• Age: 42",
        "• Postcode: 86000",
        "• Situation: Retired",
    ]
    assert "What would you like to do?" in final_menu.text

    logs = bot.output()
    assert TOKEN not in logs
    assert "86000" not in logs
    assert "Amina" not in logs


def test_commands_per_language_and_bad_input_over_http(api: FakeBotAPI, bot: BotProcess) -> None:
    user = api.user(70002, language_code="fr")
    (welcome,) = say(api, user, "/start")
    assert "Choisissez votre langue" in welcome.text
    assert [c["command"] for c in api.commands(language_code="en")] == ["start", "menu", "language", "privacy", "help"]
    assert api.commands(language_code="en")[1]["description"] == "Main menu"
    assert api.commands(language_code="fr")[1]["description"] == "Menu principal"

    (consent,) = press(api, user, welcome, "Français")
    (menu,) = press(api, user, consent, "J'accepte")
    (q1,) = press(api, user, menu, "Bilan")
    typed_id = api.mark(user.chat_id) + 1
    (q2,) = say(api, user, "4")
    assert "Quel âge avez-vous ?" in q2.text
    api.edit_text(user, typed_id, "5")
    (edited,) = api.wait_for_messages(user.chat_id, 1, after=q2.message_id, timeout=30)
    assert edited.text.startswith("Un message modifié n'est pas pris en compte")
    assert "Quel âge avez-vous ?" in edited.text
    mark = edited.message_id
    for send in (api.send_sticker, api.send_voice, api.send_location, api.send_contact, api.send_photo):
        send(user)
        (reply,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
        assert reply.text.startswith("Je ne peux lire que du texte et les boutons"), send.__name__
        assert "Quel âge avez-vous ?" in reply.text
        mark = api.mark(user.chat_id)

    (q3,) = say(api, user, "40")
    assert "code postal" in q3.text
    mark = api.mark(user.chat_id)
    api.press(user, q3, q3.button("Retour"))  # pressed twice quickly: only the first one counts
    api.press(user, q3, q3.button("Retour"))
    back, again = api.wait_for_messages(user.chat_id, 2, after=mark, timeout=30)
    assert back.text.startswith("À propos de vous · question 2")
    assert "Votre réponse actuelle : 40" in back.text
    assert again.text.startswith("Ce bouton n'est plus valide.")
    assert "À propos de vous · question 2" in again.text
    (unknown,) = say(api, user, "/nimportequoi")
    assert unknown.text.startswith("Je ne connais pas cette commande.")
    (forged,) = (
        api.press(user, q1, "f:999:o1", force=True),
        api.wait_for_messages(user.chat_id, 1, after=unknown.message_id),
    )[1]
    assert forged.text.startswith("Ce bouton n'est plus valide.")
