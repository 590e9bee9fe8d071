"""Hostile use over HTTP: forged or replayed button data, and a flood of messages."""

from __future__ import annotations

from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_polling import press, say
from tests.support.fake_bot_api import FakeBotAPI


def test_forged_and_replayed_callback_data_are_refused(api: FakeBotAPI, bot: BotProcess) -> None:
    amina, intruder = api.user(81001, "Amina", "fr"), api.user(81002, "Intrus", "fr")
    (welcome,) = say(api, amina, "/start")
    (consent,) = press(api, amina, welcome, "Français")
    (menu,) = press(api, amina, consent, "J'accepte")
    signed = menu.button("Bilan")
    assert signed.startswith("menu:rights~")  # signed for Amina
    say(api, intruder, "/start")
    mark, amina_mark = api.mark(intruder.chat_id), api.mark(amina.chat_id)
    api.press(intruder, menu, signed, force=True)  # Amina's own button, pressed by someone else
    (again,) = say(api, intruder, "/start")  # handled after the press: the intruder is still a newcomer
    assert "Choisissez votre langue" in again.text
    assert [m for m in api.messages(amina.chat_id) if m.message_id > amina_mark] == []  # nothing leaked to Amina
    assert mark < again.message_id
    mark = api.mark(amina.chat_id)
    api.press(amina, menu, "menu:rights~AAAAAAAAAA", force=True)  # altered signature
    (stale,) = api.wait_for_messages(amina.chat_id, 1, after=mark, timeout=30)
    assert stale.text.startswith("Ce bouton n'est plus valide.")
    (q1,) = press(api, amina, menu, "Bilan")  # the genuine button still works
    assert "Bilan de droits santé · question 1" in q1.text


def test_a_flood_of_messages_is_slowed_down_with_a_clear_message(api: FakeBotAPI, bot: BotProcess) -> None:
    user = api.user(81003, "Rapide", "fr")
    (welcome,) = say(api, user, "/start")
    mark = api.mark(user.chat_id)
    for n in range(30):
        api.send_text(user, f"message {n}")
    api.wait_until(
        lambda: any("Vous envoyez beaucoup de messages" in m.text for m in api.messages(user.chat_id)), timeout=30
    )
    replies = [m for m in api.messages(user.chat_id) if m.message_id > mark]
    warnings = [m for m in replies if "Vous envoyez beaucoup de messages" in m.text]
    assert len(warnings) == 1  # said once, not once per extra message
    assert len(replies) <= 21  # at most 20 answered in the window, plus the warning
    assert welcome.text


def test_a_press_without_its_message_changes_nothing(api: FakeBotAPI, bot: BotProcess) -> None:
    """A button press from an inline message (no `message`, only `inline_message_id`) neither acts nor answers."""
    user = api.user(81004, "Inès", "fr")
    (welcome,) = say(api, user, "/start")
    (consent,) = press(api, user, welcome, "Français")
    (menu,) = press(api, user, consent, "J'accepte")
    mark = api.mark(user.chat_id)
    inline = {"id": "7100000001", "from": user.to_dict(), "chat_instance": "1", "inline_message_id": "AAEAAQ"}
    api._state.enqueue("callback_query", {**inline, "data": menu.button("Bilan")})  # her own signed data
    (intro,) = press(api, user, menu, "Bilan")  # handled after the inline press
    assert intro.text.startswith("Quelques questions")  # the rights check starts now, not "welcome back"
    assert [m.message_id for m in api.messages(user.chat_id) if m.message_id > mark] == [intro.message_id]


def test_a_command_followed_by_a_line_break_is_the_command(api: FakeBotAPI, bot: BotProcess) -> None:
    """/menu, a line break, then a few words: the menu, not "I do not know this command"."""
    user = api.user(81005, "Jules", "fr")
    (welcome,) = say(api, user, "/start")
    (consent,) = press(api, user, welcome, "Français")
    press(api, user, consent, "J'accepte")
    (menu,) = say(api, user, "/menu\nje suis perdu")
    assert menu.text == "Que voulez-vous faire ?"
    assert "🩺 Bilan de mes droits santé" in menu.labels


def test_the_flood_warning_is_in_the_language_the_person_chose(api: FakeBotAPI, bot: BotProcess) -> None:
    """Arabic chosen on a phone set to English: the "slow down" message is in Arabic."""
    user = api.user(81006, "Karim", "en")
    (welcome,) = say(api, user, "/start")
    (consent,) = press(api, user, welcome, "العربية")
    press(api, user, consent, "\u200f✅ أوافق")
    for n in range(30):
        api.send_text(user, f"message {n}")

    def warnings() -> list[str]:
        return [m.text for m in api.messages(user.chat_id) if "رسائل كثيرة" in m.text or "a lot of messages" in m.text]

    api.wait_until(lambda: bool(warnings()), timeout=30)
    assert warnings() == [
        "\u200fوصلتني منك رسائل كثيرة دفعة واحدة: لا أقرأ ما يصل منها خلال بضع ثوانٍ. "
        "يُرجى الانتظار قليلًا، ثم إعادة إرسال ما لم تتلقَّ ردًّا عليه."
    ]
