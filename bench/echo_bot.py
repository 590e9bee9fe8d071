"""A trivial python-telegram-bot echo bot: the baseline for one update's round trip (bench/latency.py).

A text is said back. A button press is answered (`answerCallbackQuery`) and its data sent back as a new
message under one button carrying the same data: the same two Bot API calls as a question answered in
faire-lien, and nothing else.
"""

from __future__ import annotations

import os

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, ContextTypes, MessageHandler, filters


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say the same text back, under a button."""
    if update.message is not None and update.message.text is not None:
        button = InlineKeyboardButton(update.message.text, callback_data=update.message.text[:64])
        await update.message.reply_text(update.message.text, reply_markup=InlineKeyboardMarkup([[button]]))


async def press(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the press, then send its data back under the same button."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    await query.answer()
    button = InlineKeyboardButton(query.data, callback_data=query.data)
    await update.effective_chat.send_message(query.data, reply_markup=InlineKeyboardMarkup([[button]]))


def main() -> None:
    """Poll the configured Bot API."""
    app = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(CallbackQueryHandler(press))
    app.run_polling(timeout=1)


if __name__ == "__main__":
    main()
