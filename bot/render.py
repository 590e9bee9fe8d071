"""Send the assistant's replies as Telegram messages with inline keyboards, in order, tried again when lost."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Coroutine
from functools import partial

from telegram import Bot, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.replies import RepliesNotDeliveredError, deliver
from bot.signing import Signer
from dialogs.reply import Reply, split_text, units

MAX_TEXT = 4096
"""Telegram's longest message, in UTF-16 code units (an emoji outside the BMP counts two)."""


def fit(text: str) -> str:
    """The text as Telegram takes it: cut to MAX_TEXT UTF-16 units, ending with "…" when cut."""
    if len(text) <= MAX_TEXT // 2 or units(text) <= MAX_TEXT:  # every screen of the flows, every card's message
        return text
    kept = text.encode("utf-16-le")[: 2 * (MAX_TEXT - 1)]
    return kept.decode("utf-16-le", errors="ignore") + "…"  # no half of a pair kept


def pieces(text: str) -> list[str]:
    """The text as Telegram takes it, whole: one message when it fits MAX_TEXT units, else as few as needed, cut at
    paragraph then line breaks (`split_text`), never cut short."""
    if len(text) <= MAX_TEXT // 2 or units(text) <= MAX_TEXT:  # every message the outbox sends, in practice
        return [text]
    return split_text(text, MAX_TEXT)


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
) -> bool:
    """The next screen first, then the button press answered: each reply edited or sent in order, tried until taken;
    True when Telegram refused one because the person blocked the bot (the replies after it are not tried).

    One at a time (`bot/replies.py`): a reply goes out only once the one before it went out or was
    given up, so the person reads them in order. The press is answered (its spinner stopped) once the
    first reply went out, not before or beside it: answering costs the bot a Bot API call's work, which
    would otherwise delay the next question (bench/latency.py: about 2.5 ms of a 16 ms press). The
    answer is not waited for: the next update does not wait a round trip to Telegram for a spinner
    (python-telegram-bot's `Application.create_task` awaits it when the bot stops).
    """
    query = update.callback_query
    # The press's answer when the application is not running (driven update by update): waited for below.
    answers: list[Coroutine[object, object, None]] = []
    answered = False

    def answer_press() -> None:
        """Stop the button's spinner, once.

        Answered late (after a restart, on another worker) or twice, it is refused, which counts as
        answered: so it can be tried again whatever happened. A lost answer only leaves the spinner for a
        few seconds. An application not started (driven update by update) waits for it below.
        """
        nonlocal answered
        if query is None or answered:
            return
        answered = True
        what = f"answerCallbackQuery of update {update.update_id}"
        answer = deliver(partial(_answer, query), what, repeatable=True, counted=False)
        if context.application.running:
            context.application.create_task(answer)
        else:
            answers.append(answer)

    try:
        return await _show_all(update, context, replies, signer, answer_press)
    finally:
        answer_press()
        for answer in answers:
            await answer


async def _show_all(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    replies: list[Reply],
    signer: Signer,
    shown: Callable[[], None],
) -> bool:
    """Every reply, in order, until one is refused because the person blocked the bot (True); raises when some were
    given up although Telegram never took them."""
    query = update.callback_query
    chat = update.effective_chat
    user = update.effective_user
    if chat is None or user is None:
        return False
    target = query.message if query is not None and isinstance(query.message, Message) else None
    lost: list[str] = []
    blocked: list[str] = []
    for reply in replies:
        keyboard = markup(reply, signer, user.id)
        await _show(context.bot, chat.id, target, reply, keyboard, update.update_id, lost, blocked)
        shown()
        if blocked:  # every later send would be refused too
            return True
    if lost:
        raise RepliesNotDeliveredError(", ".join(lost))
    return False


async def _show(
    bot: Bot,
    chat_id: int,
    target: Message | None,
    reply: Reply,
    keyboard: InlineKeyboardMarkup | None,
    update_id: int,
    lost: list[str],
    blocked: list[str],
) -> None:
    """One reply: edited in place of the pressed message when it says so, otherwise sent, with its document."""
    about = f"of update {update_id}"
    if reply.edit and target is not None:
        edit = partial(edit_in_place, target, reply, keyboard)
        edited = await deliver(edit, f"editMessageText {about}", repeatable=True, blocked=blocked)
        if edited is not False:  # edited, or given up: sending it instead would not help
            return
    text = fit(reply.text)
    send = partial(bot.send_message, chat_id, text, reply_markup=keyboard)
    await deliver(send, f"sendMessage {about}", lost=lost, blocked=blocked)
    document = reply.document
    if document is not None and not blocked:
        refused: list[str] = []
        await deliver(
            lambda: bot.send_document(chat_id, InputFile(document.content, filename=document.filename)),
            f"sendDocument {about}",
            lost=lost,
            blocked=blocked,
            refused=refused,
        )
        if refused and document.unsent:  # a server without sendDocument: the person is told, not left looking
            await deliver(partial(bot.send_message, chat_id, fit(document.unsent)), f"sendMessage {about}", lost=lost)


async def _answer(query: CallbackQuery) -> None:
    """Answer a button press; one answered already or too late counts as answered."""
    with contextlib.suppress(BadRequest):
        await query.answer()


async def let_go(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop the spinner of a button press set aside unhandled (the flood limit, a press on a message that is not the
    person's), with no text; nothing else.

    One try, not waited for while the bot runs: unlike a reply's, a lost answer is not tried again (the
    person is pressing again already, and the spinner stops by itself at Telegram's timeout).
    """
    query = update.callback_query
    if query is None:
        return
    if context.application.running:
        context.application.create_task(_answer_once(query))
    else:
        await _answer_once(query)


async def _answer_once(query: CallbackQuery) -> None:
    """Answer a button press with no text; any refusal or failure is left at that."""
    with contextlib.suppress(TelegramError):
        await query.answer()


async def edit_in_place(message: Message, reply: Reply, keyboard: InlineKeyboardMarkup | None) -> bool:
    """Show the reply in place of the message; False when Telegram refuses (the message is gone: send instead)."""
    try:
        await message.edit_text(fit(reply.text), reply_markup=keyboard)
    except BadRequest as error:
        # Already showing this text: an earlier try went through though its answer was lost.
        return "not modified" in error.message
    return True
