"""The message shown once on the page after an action (a flash), kept untranslated until it is shown.

The cookie holds the console msgid (and plural form and count) with its parameters, not the sentence: the next page
translates it in the language the staff member reads then, so switching language between the action and that page
shows it in the new one. A parameter is a text as it is (a name, a booking code, a request's number), a count
(written as the page's language writes numbers), another console text, or a bot text (`Msg`, without parameters).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from dialogs.text import Msg

Value: TypeAlias = "str | int | Msg | Said"
"""A parameter: a text as it is, a count, a bot text, another console text."""


@dataclass(frozen=True)
class Said:
    """A console text to show later: its msgid, its plural form and count (`{n}`), its parameters."""

    msgid: str
    params: dict[str, Value] = field(default_factory=dict)
    plural: str | None = None
    n: int | None = None


def said(msgid: str, **params: Value) -> Said:
    """A console text to show after the action."""
    return Said(msgid, dict(params))


def counted(singular: str, plural: str, n: int, **params: Value) -> Said:
    """A console text with a count, in the plural form the count asks for when shown; `{n}` is the count."""
    return Said(singular, dict(params), plural, n)


def dump(messages: Sequence[Said]) -> str:
    """The messages as the cookie keeps them (JSON)."""
    return json.dumps([_said(m) for m in messages], ensure_ascii=False, separators=(",", ":"))


def load(text: str) -> list[Said] | None:
    """The messages a cookie kept; None when it is not what `dump` writes."""
    try:
        found = json.loads(text)
        return [_from_said(m) for m in found] if isinstance(found, list) and found else None
    except (ValueError, TypeError, KeyError):
        return None


def _said(message: Said) -> dict[str, Any]:
    return {
        "m": message.msgid,
        "p": message.plural,
        "n": message.n,
        "a": {k: _value(v) for k, v in message.params.items()},
    }


def _value(value: Value) -> list[Any]:
    if isinstance(value, Said):
        return ["c", _said(value)]
    if isinstance(value, Msg):
        return ["b", value.msgid, value.context]
    if isinstance(value, bool):  # a bool is an int to Python: never a count
        return ["s", str(value)]
    if isinstance(value, int):
        return ["n", value]
    return ["s", value]


def _from_said(data: dict[str, Any]) -> Said:
    msgid, plural, n, params = data["m"], data["p"], data["n"], data["a"]
    if not isinstance(msgid, str) or not isinstance(params, dict):
        raise TypeError(msgid)
    if not (plural is None or isinstance(plural, str)) or not (n is None or type(n) is int):
        raise TypeError(plural)
    return Said(msgid, {str(k): _from_value(v) for k, v in params.items()}, plural, n)


def _from_value(data: list[Any]) -> Value:
    match data:
        case ["c", dict() as nested]:
            return _from_said(nested)
        case ["b", str() as msgid, str() | None as context]:
            return Msg(msgid, context)
        case ["n", int() as number] if not isinstance(number, bool):
            return number
        case ["s", str() as text]:
            return text
    raise TypeError(data)
