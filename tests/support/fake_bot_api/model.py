"""Values the fake Bot API hands to tests (users, sent messages, recorded calls) and its error answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

JSONDict = dict[str, Any]

BOT_USER_ID = 999
BOT_USER: JSONDict = {
    "id": BOT_USER_ID,
    "is_bot": True,
    "first_name": "faire-lien test",
    "username": "faire_lien_test_bot",
}


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user talking to the bot in a private chat (chat id == user id)."""

    id: int
    first_name: str = "Test"
    language_code: str = "fr"
    last_name: str | None = None
    username: str | None = None

    @property
    def chat_id(self) -> int:
        """Id of the user's private chat with the bot."""
        return self.id

    def to_dict(self) -> JSONDict:
        """Bot API ``User`` object."""
        names = {"last_name": self.last_name, "username": self.username}
        return {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            **{key: value for key, value in names.items() if value is not None},
            "language_code": self.language_code,
        }


@dataclass(frozen=True)
class UploadedFile:
    """A file the bot uploaded (one multipart part)."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass(frozen=True)
class Call:
    """One Bot API request, recorded once answered (a pending long poll is not listed yet)."""

    method: str
    params: JSONDict
    at: float
    status: int = 200
    description: str | None = None


@dataclass(frozen=True)
class SentMessage:
    """A message the bot sent, as the user sees it now (after any edit)."""

    chat_id: int
    message_id: int
    text: str
    buttons: list[list[tuple[str, str]]]
    """(label, callback_data) of each inline button, row by row; (label, url) for a link button."""
    document: tuple[str, bytes] | None = None
    edited: bool = False

    @property
    def labels(self) -> list[str]:
        """Labels of all inline buttons, row by row."""
        return [label for row in self.buttons for label, _ in row]

    def button(self, label_substring: str) -> str:
        """Callback data of the one inline button whose label is, or else contains, the text."""
        flat = [pair for row in self.buttons for pair in row]
        exact = [data for label, data in flat if label == label_substring]
        if len(exact) == 1:
            return exact[0]
        matches = [(label, data) for label, data in flat if label_substring in label]
        if len(matches) == 1:
            return matches[0][1]
        if not matches:
            raise LookupError(
                f"no button containing {label_substring!r} on message #{self.message_id} "
                f"({self.text[:60]!r}); buttons: {self.labels}"
            )
        raise LookupError(
            f"{len(matches)} buttons contain {label_substring!r} on message "
            f"#{self.message_id}: {[label for label, _ in matches]}"
        )


class ApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JSONDict:
        """The JSON body of the error answer."""
        data: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            data["parameters"] = {"retry_after": self.retry_after}
        return data


@dataclass(frozen=True)
class RawAnswer:
    """An answer that is not the Bot API's JSON (an empty body, a proxy's HTML page), as an emulator may give."""

    status: int
    body: bytes
    content_type: str = "text/html"


@dataclass(frozen=True)
class Quirk:
    """How a third-party Bot API emulator answers one call: after ``delay`` seconds, with ``answer`` instead of
    Telegram's (the call then has no effect), or with Telegram's result passed through ``change`` (it has effect)."""

    delay: float = 0.0
    answer: RawAnswer | ApiError | None = None
    change: Callable[[Any], Any] | None = None


def bad_request(description: str) -> ApiError:
    """A 400 Bad Request error, worded as Telegram's."""
    return ApiError(400, f"Bad Request: {description}")
