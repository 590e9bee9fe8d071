"""Baseline for bench/latency.py: the first questions of the rights check in a plain python-telegram-bot bot.

A `ConversationHandler` with `PicklePersistence`, as python-telegram-bot's own examples build a questionnaire:
the same first three questions, the same buttons (each answer, Back), every answer kept in `user_data`, the
next question sent as a new message. The persistence is what python-telegram-bot does with `persistence`:
conversation states and user data held in memory, written to the pickle file every `update_interval` seconds
(`PERSIST_SECONDS`, 5 by default, so that the file is rewritten several times during a benchmark run).
`fill` writes a pickle file with N other people in the middle of the questions, as faire-lien's database
holds them. Run by bench/latency.py; `PICKLE_FILE`, `TELEGRAM_BOT_TOKEN` and `TELEGRAM_API_BASE_URL` say where.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    PicklePersistence,
    filters,
)

RESIDENCE, IN_FRANCE, BORN = range(3)
QUESTIONS = {
    RESIDENCE: (
        "Bilan de droits santé · question 1\nQuelle est votre situation en France ?",
        [
            "Nationalité française ou européenne",
            "Titre de séjour ou récépissé",
            "Demande d'asile en cours",
            "Réfugié·e ou protection subsidiaire",
            "Sans titre de séjour",
        ],
    ),
    IN_FRANCE: (
        "Bilan de droits santé · question 2\nDepuis combien de temps vivez-vous en France sans interruption ?",
        ["Plus de 3 mois (ou depuis toujours)", "Moins de 3 mois"],
    ),
    BORN: ("Bilan de droits santé · question 3\nEn quelle année êtes-vous né·e ?", []),
}
KEYS = {RESIDENCE: "residence", IN_FRANCE: "in_france", BORN: "born"}


async def ask(update: Update, state: int) -> int:
    """Send the question of this state with its answers and a Back button; return the state."""
    text, options = QUESTIONS[state]
    rows = [[InlineKeyboardButton(label, callback_data=f"{state}:o{n}")] for n, label in enumerate(options)]
    if state != RESIDENCE:
        rows.append([InlineKeyboardButton("◀ Retour", callback_data=f"{state}:back")])
    chat = update.effective_chat
    assert chat is not None
    await chat.send_message(text, reply_markup=InlineKeyboardMarkup(rows))
    return state


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The first question, answers forgotten."""
    assert context.user_data is not None
    context.user_data.clear()
    return await ask(update, RESIDENCE)


def pressed(state: int) -> CallbackQueryHandler[ContextTypes.DEFAULT_TYPE, int]:
    """A button of this state's question: keep the answer and ask the next question, or go back."""

    async def on_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        query = update.callback_query
        assert query is not None and query.data is not None and context.user_data is not None
        await query.answer()
        _, choice = query.data.split(":", 1)
        if choice == "back":
            context.user_data.pop(KEYS[state - 1], None)
            return await ask(update, state - 1)
        context.user_data[KEYS[state]] = choice
        return await ask(update, state + 1)

    return CallbackQueryHandler(on_press, pattern=rf"^{state}:")


async def typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The year of birth: kept, and the question asked again (the benchmark goes no further)."""
    assert update.message is not None and context.user_data is not None
    context.user_data["born"] = update.message.text
    return await ask(update, BORN)


def fill(path: Path, people: int) -> None:
    """A pickle file as PicklePersistence writes it, with `people` users at the second question."""
    data = {
        "user_data": {uid: {"residence": "o0"} for uid in range(10_000_000, 10_000_000 + people)},
        "chat_data": {},
        "bot_data": {},
        "callback_data": None,
        "conversations": {"rights": {(uid, uid): IN_FRANCE for uid in range(10_000_000, 10_000_000 + people)}},
    }
    with path.open("wb") as handle:
        pickle.dump(data, handle)


def main() -> None:
    """Run the bot against the configured Bot API (or `fill N` the pickle file first)."""
    path = Path(os.environ["PICKLE_FILE"])
    if len(sys.argv) > 1 and sys.argv[1] == "fill":
        fill(path, int(sys.argv[2]))
        return
    seconds = float(os.environ.get("PERSIST_SECONDS", "5"))
    app = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .persistence(PicklePersistence(filepath=path, update_interval=seconds))
        .build()
    )
    app.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("start", start)],
            states={
                RESIDENCE: [pressed(RESIDENCE)],
                IN_FRANCE: [pressed(IN_FRANCE)],
                BORN: [pressed(BORN), MessageHandler(filters.TEXT & ~filters.COMMAND, typed)],
            },
            fallbacks=[CommandHandler("start", start)],
            name="rights",
            persistent=True,
        )
    )
    app.run_polling(timeout=1)


if __name__ == "__main__":
    main()
