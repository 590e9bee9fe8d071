"""Baseline: the same first questions in a plain python-telegram-bot bot with PicklePersistence.

PicklePersistence loads every user's data at start-up and rewrites the file as it goes; this bot
exists only so bench/scale.py can compare its start-up and memory with faire-lien's.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

from telegram import Update
from telegram.ext import (
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    PicklePersistence,
    filters,
)

HOUSEHOLD, AGE = range(2)


async def start(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> int:
    """Ask the household size."""
    assert update.message is not None
    await update.message.reply_text("Combien de personnes composent votre foyer ?")
    return HOUSEHOLD


async def household(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Keep the answer, ask the age."""
    assert update.message is not None and context.user_data is not None
    context.user_data["household"] = update.message.text
    await update.message.reply_text("Quel âge avez-vous ?")
    return AGE


async def age(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Keep the answer, go back to the first question."""
    assert update.message is not None and context.user_data is not None
    context.user_data["age"] = update.message.text
    await update.message.reply_text("Combien de personnes composent votre foyer ?")
    return HOUSEHOLD


def fill(path: Path, people: int) -> None:
    """A pickle file as PicklePersistence writes it, with `people` users in the middle of the conversation."""
    data = {
        "user_data": {uid: {"household": "3", "age": "42"} for uid in range(1, people + 1)},
        "chat_data": {},
        "bot_data": {},
        "callback_data": None,
        "conversations": {"flow": {(uid, uid): AGE for uid in range(1, people + 1)}},
    }
    with path.open("wb") as handle:
        pickle.dump(data, handle)


def main() -> None:
    """Run the bot against the configured Bot API."""
    path = Path(os.environ["PICKLE_FILE"])
    if len(sys.argv) > 1 and sys.argv[1] == "fill":
        fill(path, int(sys.argv[2]))
        return
    app = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .persistence(PicklePersistence(filepath=path))
        .build()
    )
    app.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("start", start)],
            states={HOUSEHOLD: [MessageHandler(filters.TEXT, household)], AGE: [MessageHandler(filters.TEXT, age)]},
            fallbacks=[],
            name="flow",
            persistent=True,
        )
    )
    app.run_polling(timeout=1)


if __name__ == "__main__":
    main()
