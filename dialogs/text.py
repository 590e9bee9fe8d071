"""Translatable text: a French source string with its context, formatted later per language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

Param = str | int | Decimal | date


@dataclass(frozen=True)
class Msg:
    """A message the user will read: French msgid, gettext context, named parameters."""

    msgid: str
    context: str | None = None
    params: dict[str, Param | Msg] = field(default_factory=dict)


def msg(msgid: str, context: str | None = None, **params: Param | Msg) -> Msg:
    """Build a message in one expression."""
    return Msg(msgid, context, dict(params))
