"""In a group: no one's questionnaire, only how to write to the bot in a private chat.

The bot talks about health and must not answer where others can read, so nothing a person says in a
group reaches the assistant. A command addressed to the bot there (`/start`, `/start@ThisBot`), a
message naming it (`@ThisBot`), or the bot being added to the group gets one notice, in the sender's
device language, with a button opening the private chat (in a forum group, in the topic asked from).
Nothing is read from or written to the database.

A group gets at most one notice a minute (`NOTICE_WINDOW`), whoever asks: forty members, or a raid of
fresh accounts, sending /start@bot together see one notice, which answers them all (its button is the
same for everyone), instead of forty that would bury the group's conversation and spend the bot's send
budget (Telegram allows about 20 messages a minute in one group, then answers 429). Each worker keeps
the minute in its memory: with W workers behind a webhook a group sees at most W notices a minute, still
under Telegram's limit, while sharing it through the database would cost a write for every message
naming the bot in any group (the raid's own pace) on the database that keeps private conversations.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from telegram import ChatMemberUpdated, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatMemberStatus, ChatType, MessageEntityType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.flood import FloodGate
from bot.handlers import Callback
from dialogs.i18n import best_language, translator
from dialogs.text import msg

log = logging.getLogger(__name__)

PRIVATE_ONLY = msg(
    "Pour protéger vos informations, je ne réponds pas dans un groupe. "
    "Écrivez-moi dans une conversation privée : touchez le bouton ci-dessous, puis « Démarrer ».",
    "notice",
)
# TRANSLATORS: button opening the private chat with the bot; about as short as the French.
WRITE_PRIVATELY = msg("💬 M'écrire en privé", "button")

GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)
IN = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR)

NOTICE_WINDOW = 60.0
"""Seconds after a notice during which its group gets no other: the notice is still in view and answers everyone."""


class GroupNotices:
    """Whether a notice may be posted: within the person's flood limit in groups, and the group's first this minute.

    `people` is a gate of its own, not the private chat's: what someone sends in groups never slows their
    private chat.
    """

    def __init__(self, people: FloodGate, clock: Callable[[], float], window: float = NOTICE_WINDOW) -> None:
        self.people = people
        self.groups = FloodGate(limit=1, window=window, clock=clock)
        """One notice per group per window; groups quiet for a whole window are forgotten."""

    def allow(self, chat_id: int, user_id: int) -> bool:
        """True for the one notice of this group's window (the person's own limit counted first)."""
        return self.people.check(user_id) == "ok" and self.groups.check(chat_id) == "ok"


def addressed(message: Message, username: str) -> bool:
    """A command for this bot (no @suffix, or this bot's), or a message naming @this bot, in the sender's own words.

    A longer name starting with this bot's (@this_bot_other) names another bot. A forward, or the linked
    channel's post that Telegram copies into its discussion group ("write to @this bot"), repeats someone
    else's words: nobody in the group asked anything.
    """
    if message.forward_origin is not None or message.is_automatic_forward:
        return False
    mine = username.lower()
    text = message.text or message.caption or ""
    for entity in message.entities or message.caption_entities or ():
        word = text[entity.offset : entity.offset + entity.length] if entity.offset < len(text) else ""
        if entity.type == MessageEntityType.BOT_COMMAND and entity.offset == 0:
            target = word.partition("@")[2].lower()
            if not target or target == mine:
                return True
        if entity.type == MessageEntityType.MENTION and word.lstrip("@").lower() == mine:
            return True
    return re.search(rf"@{re.escape(mine)}(?![a-z0-9_])", text.lower()) is not None


def joined(change: ChatMemberUpdated) -> bool:
    """The bot was just added to this group."""
    return change.new_chat_member.status in IN and change.old_chat_member.status not in IN


def make_group_handler(languages: list[str], notices: GroupNotices) -> Callback:
    """The callback answering, in a group, how to write to the bot privately."""

    async def in_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """One notice with a button to the private chat; never a person's questionnaire, never an apology."""
        chat, user = update.effective_chat, update.effective_user
        if chat is None or chat.type not in GROUPS or user is None or user.is_bot:
            return
        username = context.bot.username
        if update.my_chat_member is not None:
            if not joined(update.my_chat_member):
                return
        elif update.message is None or not addressed(update.message, username):
            return
        if not notices.allow(chat.id, user.id):
            return
        t = translator(best_language(user.language_code, languages))
        button = InlineKeyboardButton(t(WRITE_PRIVATELY), url=f"https://t.me/{username}")
        message = update.message
        topic = message.message_thread_id if message is not None and message.is_topic_message else None
        try:
            await context.bot.send_message(
                chat.id, t(PRIVATE_ONLY), message_thread_id=topic, reply_markup=InlineKeyboardMarkup([[button]])
            )
        except TelegramError as error:  # not allowed to write there, removed meanwhile: nothing to tell anyone
            log.warning("group notice not sent: %s", type(error).__name__)

    return in_group
