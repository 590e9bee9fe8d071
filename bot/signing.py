"""Callback data signed for one Telegram user: a button cannot be altered, or replayed by someone else.

Each button's action gets a short HMAC of (user id, action) with a key derived from the bot token
(or CALLBACK_SECRET). A press whose signature does not match is handled as a stale button.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

SEPARATOR = "~"
MAC_LENGTH = 10
MAX_CALLBACK_BYTES = 64


class Signer:
    """Signs and checks callback data for a user."""

    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(b"faire-lien callback data\0" + secret.encode()).digest()

    def _mac(self, user_id: int, action: str) -> str:
        digest = hmac.new(self._key, f"{user_id}:{action}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode()[:MAC_LENGTH]

    def sign(self, user_id: int, action: str) -> str:
        """`action~mac`, at most 64 bytes (the assistant keeps actions short)."""
        signed = f"{action}{SEPARATOR}{self._mac(user_id, action)}"
        if len(signed.encode()) > MAX_CALLBACK_BYTES:
            raise ValueError(f"callback data too long once signed: {action!r}")
        return signed

    def check(self, user_id: int, data: str) -> str | None:
        """The action when the signature is this user's, else None."""
        action, separator, mac = data.rpartition(SEPARATOR)
        if not separator or not hmac.compare_digest(mac, self._mac(user_id, action)):
            return None
        return action
