"""Someone new whose phone names no language we offer is greeted in the language their first words are written in."""

from __future__ import annotations

import pytest

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI

FIRST_WORDS = [  # what they type, their phone's language, the language shown first, how the reply begins
    ("مرحبا، أحتاج مساعدة", "", "العربية", "\u200fيُرجى أولًا اختيار لغتك باستخدام الأزرار."),
    ("سلام، کمک می‌خواهم", "", "فارسی (ایران)", "\u200fاول با دکمه\u200cها زبان خود را انتخاب کنید."),
    ("Привіт, мені потрібна допомога", "zh-hans", "Українська", "Спершу виберіть мову за допомогою кнопок."),
    ("Здравствуйте, мне нужна помощь", "", "Русский", "Сначала выберите язык с помощью кнопок."),
    ("Merhaba, yardıma ihtiyacım var", "", "Türkçe", "Önce düğmelerle dilinizi seçin."),
    ("Bună ziua, am nevoie de ajutor, mulțumesc", "", "Română", "Mai întâi, alegeți limba cu ajutorul butoanelor."),
    ("¿Hola, me puede ayudar?", "", "Español", "Primero, elija su idioma con los botones."),
    ("Olá, não sei o que fazer", "", "Português (Portugal)", "Primeiro, escolha a sua língua com os botões."),
    ("Hello, I need help", "", "Français", "Choisissez d'abord votre langue avec les boutons."),
    ("Bonjour", "", "Français", "Choisissez d'abord votre langue avec les boutons."),
    ("Привет", "en", "English", "First, choose your language with the buttons."),  # the phone's language first
    ("مرحبا", "fr", "Français", "Choisissez d'abord votre langue avec les boutons."),
]


@pytest.mark.parametrize(("words", "device", "first", "begins"), FIRST_WORDS)
async def test_first_words_choose_the_greeting(
    api: FakeBotAPI, db: Database, assistant: Assistant, words: str, device: str, first: str, begins: str
) -> None:
    """The greeting in that language, its button first; the other languages still offered."""
    person = api.user(85001, language_code=device)
    async with driven_bot(api, db, assistant) as bot:
        api.send_text(person, words)
        await bot.deliver()
    [shown] = api.messages(person.chat_id)
    assert shown.text.startswith(begins), shown.text
    assert shown.labels[0] == first and len(shown.labels) == len(assistant.languages)
