"""The button actions: short strings (≤ 64 bytes) built and parsed in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dialogs.steps import TOKEN_PATTERN

MENU_ITEMS = ("main", "rights", "screening", "sessions", "registrations", "language", "help", "privacy", "consent")
OFFER_KINDS = ("session", "checkup", "callback", "renewal", "norenewal", "rights", "facilitator")
_LANG = r"[a-z]{2,3}(?:_[A-Z]{2})?"
_FLOW = r"[a-z][a-z0-9_]{0,39}"
_PATTERNS: dict[str, re.Pattern[str]] = {
    "lang": re.compile(rf"lang:({_LANG})"),
    "consent": re.compile(rf"consent:(yes|no|info):({_LANG})"),
    "setlang": re.compile(rf"setlang:({_LANG})"),
    "menu": re.compile(rf"menu:({'|'.join(MENU_ITEMS)})"),
    "go": re.compile(rf"go:({_FLOW})"),
    "new": re.compile(rf"new:({_FLOW})"),
    "resume": re.compile(r"resume"),
    "f": re.compile(rf"f:(\d{{1,9}}):({TOKEN_PATTERN})"),
    "mk": re.compile(r"mk:([a-z_]{1,32})"),
    "mkp": re.compile(r"mkp:([a-z_]{1,32}):(\d{1,9})"),
    "m": re.compile(r"m:(\d{1,9})"),
    "reg": re.compile(r"reg:(\d{1,9})"),
    "cancel": re.compile(r"cancel:(\d{1,9}):(ask|yes)"),
    "take": re.compile(r"take:(\d{1,9})"),
    "come": re.compile(r"come:(\d{1,9})"),
    "st": re.compile(r"st:(list|grids|team|audit|mediate)"),
    "mdl": re.compile(rf"mdl:({_LANG})"),
    "mdf": re.compile(rf"mdf:({_LANG}):({_FLOW})"),
    "mdy": re.compile(rf"mdy:({_LANG}):({_FLOW})"),
    "rv": re.compile(r"rv:(\d{1,15})"),
    "obo": re.compile(rf"obo:({_FLOW}):(ask|yes)"),
    "sm": re.compile(r"sm:(\d{1,9})"),
    "att": re.compile(r"att:(\d{1,9}):(present|absent|excused)"),
    "sv": re.compile(r"sv:(\d{1,9})"),
    "poll": re.compile(r"poll:(\d{1,9})"),
    "res": re.compile(r"res:(\d{1,9})"),
    "rep": re.compile(r"rep:(\d{4})"),
    "forget": re.compile(r"forget:(yes|no)"),
    "offer": re.compile(rf"offer:(\d{{1,9}}):({'|'.join(OFFER_KINDS)})"),
}


@dataclass(frozen=True)
class Action:
    """A parsed button action: its kind and its arguments."""

    kind: str
    args: tuple[str, ...]


def parse(data: str) -> Action | None:
    """The action, or None when the data is not one we could have sent."""
    if len(data.encode()) > 64:
        return None
    kind = data.split(":", 1)[0]
    pattern = _PATTERNS.get(kind)
    found = pattern.fullmatch(data) if pattern else None
    return Action(kind, found.groups()) if found else None


def flow_prefix(turn: int) -> str:
    """Prefix of the buttons of a question asked at this turn."""
    return f"f:{turn}:"


def offer_action(response_id: int, kind: str) -> str:
    """The button of an offer made on the result card of a finished flow."""
    return f"offer:{response_id}:{kind}"
