"""One handler per Bot API method the bot calls, answering and failing as Telegram does; ``handle`` routes.

The bot (and python-telegram-bot for it) calls getMe, setMyCommands, deleteWebhook and getUpdates to
start polling, setWebhook to start webhook mode, then sendMessage, sendDocument, editMessageText and
answerCallbackQuery. It never sets a parse mode nor entities; its buttons are inline callback buttons,
and in a group a url button to its private chat. Any other method answers 404 naming this file, so a new
call by the bot shows up at once.
"""

from __future__ import annotations

import copy
import json
import re
import time
from collections.abc import Callable
from typing import Any

from tests.support.fake_bot_api.model import (
    BOT_USER,
    ApiError,
    Call,
    JSONDict,
    Quirk,
    RawAnswer,
    UploadedFile,
    bad_request,
)
from tests.support.fake_bot_api.state import State

Alive = Callable[[], bool]

_MAX_TEXT = 4096
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_CALLBACK_ONLY = (
    "the fake Bot API takes inline callback buttons only, and url buttons in groups (the bot sends no others)"
)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)


def u16(text: str) -> int:
    """Length of a string in UTF-16 code units, Telegram's unit for texts and entities."""
    return len(text.encode("utf-16-le")) // 2


def _chat(state: State, params: JSONDict) -> int:
    """The chat a message goes to: one the test created (a user's or a group), not of a user who blocked the bot."""
    chat_id = params.get("chat_id")
    if not isinstance(chat_id, int) or isinstance(chat_id, bool) or chat_id not in (*state.users, *state.groups):
        raise bad_request("chat not found")
    if chat_id in state.blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    return chat_id


def _text(params: JSONDict) -> str:
    """The message text: not blank, at most 4096 UTF-16 units."""
    text = str(params.get("text") or "")
    if not text.strip():
        raise bad_request("message text is empty")
    if u16(text) > _MAX_TEXT:
        raise bad_request("message is too long")
    return text


def _keyboard(params: JSONDict) -> JSONDict | None:
    """The inline keyboard, each button with a label and 1 to 64 bytes of callback_data (or, in a group, a url)."""
    markup = params.get("reply_markup")
    if markup is None:
        return None
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f"can't parse reply markup: {_CALLBACK_ONLY}")
    for button in (button for row in rows for button in row):
        if not isinstance(button, dict) or not str(button.get("text", "")):
            raise bad_request("can't parse inline keyboard button: Text must be non-empty")
        in_group = isinstance(params.get("chat_id"), int) and params["chat_id"] < 0
        if in_group and "url" in button and "callback_data" not in button:
            if not str(button["url"]).startswith("https://"):
                raise bad_request("BUTTON_URL_INVALID")
            continue
        if "callback_data" not in button:
            raise bad_request(f"can't parse inline keyboard button: {_CALLBACK_ONLY}")
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    return dict(markup)


def get_me(state: State, params: JSONDict) -> JSONDict:
    """getMe: the bot's own user."""
    return dict(BOT_USER)


def get_updates(state: State, params: JSONDict, alive: Alive) -> list[JSONDict]:
    """getUpdates: an ``offset`` confirms the updates below it; the others come again.

    A long poll returns as soon as an update is queued, or empty after ``timeout`` or once its client
    is gone; a newer getUpdates ends an older one with 409 Conflict, as with two bot instances.
    """
    offset = params.get("offset") or 0
    deadline = time.monotonic() + float(params.get("timeout") or 0)
    with state.cond:
        state.poll_generation += 1
        generation = state.poll_generation
        state.active_polls += 1
        state.cond.notify_all()
        try:
            state.updates = [u for u in state.updates if u["update_id"] >= offset]
            while True:
                if state.poll_generation != generation:
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; "
                        "make sure that only one bot instance is running",
                    )
                if state.updates or state.stopping:
                    return copy.deepcopy(state.updates[:100])
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not alive():
                    return []
                state.cond.wait(min(remaining, 0.2))
        finally:
            state.active_polls -= 1
            state.cond.notify_all()


def set_webhook(state: State, params: JSONDict) -> bool:
    """setWebhook: only recorded (the tests post updates to the bot's webhook server themselves)."""
    return True


def delete_webhook(state: State, params: JSONDict) -> bool:
    """deleteWebhook, called before polling: nothing to delete."""
    return True


def set_my_commands(state: State, params: JSONDict) -> bool:
    """setMyCommands: valid names and descriptions, stored per language_code ("" for the default)."""
    commands = params.get("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND_RE.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    with state.cond:
        state.commands[_menu_key(params)] = copy.deepcopy(commands)
    return True


def delete_my_commands(state: State, params: JSONDict) -> bool:
    """deleteMyCommands: the menu of that scope and language is gone (the default one shows again)."""
    with state.cond:
        state.commands.pop(_menu_key(params), None)
    return True


def _menu_key(params: JSONDict) -> str:
    """Where a command menu is kept: its language_code ("" for all), or `chat:<id>` for one chat's menu."""
    scope = params.get("scope")
    if isinstance(scope, str):
        scope = json.loads(scope)
    if isinstance(scope, dict) and scope.get("type") == "chat":
        return f"chat:{scope.get('chat_id')}"
    if isinstance(scope, dict) and scope.get("type") not in (None, "default"):
        raise bad_request(f"scope {scope.get('type')} is not supported by the fake")
    return str(params.get("language_code") or "")


def send_message(state: State, params: JSONDict) -> JSONDict:
    """sendMessage: a text with an optional inline keyboard."""
    with state.cond:
        chat_id = _chat(state, params)
        content: JSONDict = {"text": _text(params)}
        keyboard = _keyboard(params)
        if keyboard is not None:
            content["reply_markup"] = keyboard
        state.take_rate()
        return state.bot_message(chat_id, content)


def send_document(state: State, params: JSONDict) -> JSONDict:
    """sendDocument: an uploaded file, kept with its name and bytes."""
    with state.cond:
        chat_id = _chat(state, params)
        upload = params.get("document")
        if not isinstance(upload, UploadedFile):
            raise bad_request("there is no document in the request")
        state.take_rate()
        number = state.file_number()
        document = {
            "file_id": f"FAKEDOC{number:08d}",
            "file_unique_id": f"U{number:08d}",
            "file_name": upload.filename,
            "mime_type": upload.mime_type,
            "file_size": len(upload.content),
        }
        return state.bot_message(chat_id, {"document": document}, upload)


def edit_message_text(state: State, params: JSONDict) -> JSONDict:
    """editMessageText: new text and keyboard (none given: the keyboard goes); an identical edit is refused."""
    with state.cond:
        chat_id = _chat(state, params)
        stored = state.messages.get(chat_id, {}).get(params.get("message_id", 0))
        if stored is None or not stored.from_bot:
            raise bad_request("message to edit not found")
        data = stored.data
        if "text" not in data:
            raise bad_request("there is no text in the message to edit")
        text, keyboard = _text(params), _keyboard(params)
        if (data["text"], data.get("reply_markup")) == (text, keyboard):
            raise bad_request(_NOT_MODIFIED)
        state.take_rate()
        data["text"] = text
        data.pop("reply_markup", None)
        if keyboard is not None:
            data["reply_markup"] = keyboard
        data["edit_date"] = int(time.time())
        state.cond.notify_all()
        return copy.deepcopy(data)


def answer_callback_query(state: State, params: JSONDict) -> bool:
    """answerCallbackQuery: each button press can be answered once."""
    query_id = str(params.get("callback_query_id") or "")
    with state.cond:
        if state.answered.get(query_id, True):
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        state.answered[query_id] = True
    return True


def send_chat_action(state: State, params: JSONDict) -> bool:
    """sendChatAction: "typing…", "sending a file…" above a chat; kept only in the calls."""
    _chat(state, params)
    if not params.get("action"):
        raise bad_request("Bad Request: action is empty")
    return True


METHODS: dict[str, Callable[[State, JSONDict], Any]] = {
    "getMe": get_me,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "setMyCommands": set_my_commands,
    "deleteMyCommands": delete_my_commands,
    "sendMessage": send_message,
    "sendDocument": send_document,
    "editMessageText": edit_message_text,
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
}
_NAMES = {name.lower(): name for name in [*METHODS, "getUpdates"]}


def handle(state: State, method: str, params: JSONDict, alive: Alive) -> tuple[int, JSONDict | RawAnswer]:
    """Answer one call (or the error or quirk injected for it) and record it; returns the HTTP status and body."""
    started = time.time()
    name = _NAMES.get(method.lower(), method)
    with state.cond:
        quirks = state.quirks.get(name.lower())
        quirk = quirks.popleft() if quirks else Quirk()
    if quirk.delay:
        time.sleep(quirk.delay)
    body: JSONDict | RawAnswer
    try:
        with state.cond:
            queued = state.failures.get(name.lower())
            if queued:
                raise queued.popleft()
            injected = state.chaos.draw(name) if state.chaos is not None else None
            if injected is not None:
                raise injected
            if isinstance(quirk.answer, ApiError):
                raise quirk.answer
        if isinstance(quirk.answer, RawAnswer):
            status, body = quirk.answer.status, quirk.answer
        else:
            if name == "getUpdates":
                result: Any = get_updates(state, params, alive)
            elif name in METHODS:
                result = METHODS[name](state, params)
            else:
                raise ApiError(404, f"Not Found: {name} is not implemented in tests/support/fake_bot_api/methods.py")
            if quirk.change is not None:
                result = quirk.change(copy.deepcopy(result))
            status, body = 200, {"ok": True, "result": result}
    except ApiError as error:
        status, body = error.status, error.payload()
    except Exception as error:  # noqa: BLE001 - a parameter of an unexpected type: a 400, as Telegram would
        status, body = 400, bad_request(f"{type(error).__name__}: {error}").payload()
    description = body.get("description") if isinstance(body, dict) else body.body[:80].decode("utf-8", "replace")
    with state.cond:
        state.calls.append(Call(name, params, started, status, description))
        state.cond.notify_all()
    return status, body
