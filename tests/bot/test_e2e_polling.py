"""End to end over HTTP: /start → language → consent → flow → SIGKILL → restart → same step."""

from __future__ import annotations

from tests.bot.conftest import TOKEN, BotProcess
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage
from tests.support.logs import said


def say(api: FakeBotAPI, user: FakeUser, text: str, count: int = 1) -> list[SentMessage]:
    mark = api.mark(user.chat_id)
    api.send_text(user, text)
    return api.wait_for_messages(user.chat_id, count, after=mark, timeout=30)


def tick(api: FakeBotAPI, user: FakeUser, message: SentMessage, label: str) -> SentMessage:
    """Tick a box of a multi-choice question: the bot edits the message in place."""
    api.press(user, message, message.button(label))

    def edited() -> SentMessage:
        return next(m for m in api.messages(user.chat_id) if m.message_id == message.message_id)

    api.wait_until(lambda: f"☑ {label}" in edited().labels, timeout=30)
    return edited()


def press(api: FakeBotAPI, user: FakeUser, message: SentMessage, label: str, count: int = 1) -> list[SentMessage]:
    mark = api.mark(user.chat_id)
    api.press(user, message, message.button(label))
    return api.wait_for_messages(user.chat_id, count, after=mark, timeout=30)


def test_full_conversation_survives_sigkill(api: FakeBotAPI, bot: BotProcess) -> None:
    user = api.user(70001, first_name="Amina", language_code="en-GB")
    (welcome,) = say(api, user, "/start")
    assert "Choose your language" in welcome.text
    assert welcome.labels[:2] == ["English", "Français"]  # the person's language first
    assert set(welcome.labels) == {
        "English",
        "Français",
        "العربية",
        "Español",
        "فارسی (ایران)",
        "Português (Portugal)",
        "Română",
        "Русский",
        "Türkçe",
        "Українська",
    }

    (consent,) = press(api, user, welcome, "English")
    assert "Do you agree to have your answers saved?" in consent.text
    (menu,) = press(api, user, consent, "I agree")
    assert "What would you like to do?" in menu.text
    (q1,) = press(api, user, menu, "Check my health rights")
    assert "What is your situation in France?" in q1.text
    assert q1.labels[-2:] == ["↺ Start over", "🤔 I don't understand"]
    (q2,) = press(api, user, q1, "French or European")
    (age,) = press(api, user, q2, "More than 3 months")

    (refused,) = say(api, user, "61 ans")
    assert refused.text.startswith("Write the year with 4 digits, for example: 1985.")
    assert "In what year were you born?" in refused.text
    (photo_reply,) = (api.send_photo(user), api.wait_for_messages(user.chat_id, 1, after=refused.message_id))[1]
    assert "I can only read text and buttons" in photo_reply.text

    (size,) = say(api, user, "1965")
    assert "How many people are in your household" in size.text

    bot.kill()
    api.send_text(user, "1")  # arrives while the bot is down: Telegram keeps it
    mark = api.mark(user.chat_id)
    bot.start()
    # The last update before the crash may come back once (handled, not yet confirmed): it changes nothing
    # and only shows the current question again; then the answer sent during the outage is applied.
    api.wait_until(
        lambda: any("Where do you live?" in m.text for m in api.messages(user.chat_id) if m.message_id > mark),
        timeout=60,
    )
    replies = [m for m in api.messages(user.chat_id) if m.message_id > mark]
    assert all("How many people" in m.text or "Where do you live?" in m.text for m in replies)

    (stale,) = press(api, user, age, "Back")  # a button from before the crash, two steps behind
    assert stale.text.startswith("This button is no longer valid.")
    assert "Where do you live?" in stale.text

    bot.kill()
    bot.start()
    mark = api.mark(user.chat_id)
    api.send_text(user, "/start")  # the update before the crash may come back first: it changes nothing

    def resumed_screens() -> list[SentMessage]:
        return [m for m in api.messages(user.chat_id) if m.message_id > mark and "Let's continue" in m.text]

    api.wait_until(lambda: bool(resumed_screens()), timeout=60)
    resumed = resumed_screens()[-1]
    assert "Let's continue where you stopped" in resumed.text
    assert "Where do you live?" in resumed.text

    (benefits,) = press(api, user, resumed, "In mainland France")
    (income,) = press(api, user, tick(api, user, benefits, "None of these benefits"), "Confirm")
    press(api, user, income, "Yes, about the same every month")
    (screen,) = say(api, user, "850")
    (screen,) = press(api, user, tick(api, user, screen, "No, nobody"), "Confirm")  # nobody out of work
    for label in ("No", "Tenant, without housing benefit", "No"):
        (screen,) = press(api, user, screen, label)
    (card, final_menu) = press(api, user, tick(api, user, screen, "None of these situations"), "Confirm", count=2)
    # 10 200 € is 1.3 % under the 2025 ceiling of 10 339 €, still applied: amber, said plainly; the professional
    # details stay off the person's card.
    assert "🟠 Free C2S: you may be eligible, to be confirmed" in card.text
    assert "🟠 The resource ceilings used are those of April 1, 2025" in card.text
    assert "• Household income over 12 months: €10,200." in card.text
    assert "For professionals" not in card.text
    assert card.labels == [
        "📅 Information meeting",
        "🩺 Book the health check-up",
        "📞 Talk to a social worker",
    ]
    assert "What would you like to do?" in final_menu.text

    logs = said(bot.output())
    assert TOKEN not in logs
    assert "10,200" not in logs and "850" not in logs
    assert "Amina" not in logs


def test_commands_per_language_and_bad_input_over_http(api: FakeBotAPI, bot: BotProcess) -> None:
    user = api.user(70002, language_code="fr")
    (welcome,) = say(api, user, "/start")
    assert "Choisissez votre langue" in welcome.text
    commands = [c["command"] for c in api.commands(language_code="en")]
    assert commands == ["start", "menu", "cancel", "language", "privacy", "mydata", "forget", "help"]
    assert api.commands(language_code="en")[1]["description"] == "Main menu"
    assert api.commands(language_code="fr")[1]["description"] == "Menu principal"

    (consent,) = press(api, user, welcome, "Français")
    (menu,) = press(api, user, consent, "J'accepte")
    (q1,) = press(api, user, menu, "Bilan")
    (residence,) = press(api, user, q1, "Nationalité")
    (age,) = press(api, user, residence, "Plus de 3 mois")
    assert "En quelle année êtes-vous né·e ?" in age.text
    typed_id = api.mark(user.chat_id) + 1
    (q2,) = say(api, user, "1992")
    assert "Combien de personnes" in q2.text
    api.edit_text(user, typed_id, "1993")
    (edited,) = api.wait_for_messages(user.chat_id, 1, after=q2.message_id, timeout=30)
    assert edited.text.startswith("Un message modifié n'est pas pris en compte")
    assert "Combien de personnes" in edited.text
    mark = edited.message_id
    for send in (api.send_sticker, api.send_voice, api.send_location, api.send_contact, api.send_photo):
        send(user)
        (reply,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
        assert reply.text.startswith("Je ne peux lire que du texte et les boutons"), send.__name__
        assert "Combien de personnes" in reply.text
        mark = api.mark(user.chat_id)

    (q3,) = say(api, user, "2")
    assert "Vivez-vous en couple" in q3.text
    mark = api.mark(user.chat_id)
    answered = len(api.calls_of("answerCallbackQuery"))
    api.press(user, q3, q3.button("Retour"))  # pressed twice quickly: only the first one counts, the second shows
    api.press(user, q3, q3.button("Retour"))  # nothing (before: "this button is no longer valid" and the question)
    (back,) = api.wait_for_messages(user.chat_id, 1, after=mark, timeout=30)
    assert back.text.startswith("Bilan de droits santé · question 4")
    assert "Votre réponse actuelle : 2" in back.text
    api.wait_until(lambda: len(api.calls_of("answerCallbackQuery")) == answered + 2 and not api.unanswered_presses())
    (unknown,) = say(api, user, "/nimportequoi")
    assert unknown.text.startswith("Je ne connais pas cette commande.")
    (forged,) = (
        api.press(user, q1, "f:999:o1", force=True),
        api.wait_for_messages(user.chat_id, 1, after=unknown.message_id),
    )[1]
    assert forged.text.startswith("Ce bouton n'est plus valide.")
