"""Send the assistant's replies as Telegram messages with inline keyboards."""

from __future__ import annotations

import contextlib

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.signing import Signer
from dialogs.reply import Reply

MAX_TEXT = 4096


def markup(reply: Reply, signer: Signer, user_id: int) -> InlineKeyboardMarkup | None:
    """The inline keyboard of a reply, each button's action signed for this user (None without buttons)."""
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=signer.sign(user_id, b.action)) for b in row]
            for row in reply.buttons
        ]
    )


async def send_replies(
    update: Update, context: ContextTypes.DEFAULT_TYPE, replies: list[Reply], signer: Signer
) -> None:
    """Answer the button press, then edit or send each reply in order."""
    query = update.callback_query
    if query is not None:
        with contextlib.suppress(BadRequest):  # answered late (after a restart, on another worker): still reply
            await query.answer()
    chat = update.effective_chat
    user = update.effective_user
    if chat is None or user is None:
        return
    for reply in replies:
        target = query.message if query is not None and isinstance(query.message, Message) else None
        keyboard = markup(reply, signer, user.id)
        if reply.edit and target is not None and await _edit(target, reply, keyboard):
            continue
        await context.bot.send_message(chat.id, reply.text[:MAX_TEXT], reply_markup=keyboard)
        if reply.document is not None:
            document = reply.document
            await context.bot.send_document(chat.id, InputFile(document.content, filename=document.filename))


async def _edit(message: Message, reply: Reply, keyboard: InlineKeyboardMarkup | None) -> bool:
    try:
        await message.edit_text(reply.text[:MAX_TEXT], reply_markup=keyboard)
    except BadRequest:
        return False
    return True
