"""Translatable text: a French source string with its context, formatted later per language."""

from __future__ import annotations

from dataclasses import field
from datetime import date
from decimal import Decimal

from dialogs.record import record


@record
class Money:
    """An amount in euros, written with the currency the way the reader's locale writes it."""

    amount: Decimal


@record
class Figures:
    """Digits as they are, never grouped, written in the reader's own digits: a year, a postcode, a phone number."""

    text: str


@record
class Typed:
    """An example of a date or time to type, as typed in France ("25/03/2027", "14h30"), in the reader's digits."""

    text: str


@record
class TypedNumber:
    """An example number to type, given as typed in France ("1 250,50"), written as the reader's language writes
    numbers ("1,250.50" in English, "1.250,50" in Turkish and Portuguese), which the number parser reads back;
    grouped in thousands only when `grouped` (amounts in euros, whose parser reads the reader's grouping); without
    `point`, its cents are left out where the language's decimal sign is a point (« write it without a dot: 1,250 »)."""

    text: str
    grouped: bool = True
    point: bool = True


@record
class Day:
    """A day with its weekday, as the reader's locale writes it ("mer. 25 novembre"): a promised answer's day."""

    day: date


@record
class Languages:
    """Languages by their codes ("fr", "ar"), named in the reader's language and joined as it joins a list:
    "français et arabe", "French and Arabic", "الفرنسية والعربية"."""

    codes: tuple[str, ...]


Param = str | int | Decimal | date | Money | Figures | Typed | TypedNumber | Day | Languages


@record
class Msg:
    """A message the user will read: French msgid, gettext context, named parameters."""

    msgid: str
    context: str | None = None
    params: dict[str, Param | Msg] = field(default_factory=dict)
    plural: str | None = None
    """Plural source form; `params["n"]` then chooses the form with the language's CLDR plural rules."""

    def bind(self, **params: Param | Msg) -> Msg:
        """The same message with these parameters filled in (added to any it already has)."""
        return Msg(self.msgid, self.context, {**self.params, **params}, self.plural)


def msg(msgid: str, context: str | None = None, **params: Param | Msg) -> Msg:
    """Build a message in one expression."""
    return Msg(msgid, context, params)  # `params` is this call's own dict: nothing else holds it


def reference(number: int) -> Figures:
    """A request's or a message's number as plain digits, never grouped: « demande n° 1234 », never « n° 1 234 »."""
    return Figures(str(number))


def plural(singular: str, plural_form: str, n: int, context: str | None = None, **params: Param | Msg) -> Msg:
    """A message with singular and plural forms; `{n}` in the text is the count."""
    return Msg(singular, context, {"n": n, **params}, plural_form)
