"""Immutable records that are cheap to build: what every message and every rights card is made of.

A frozen dataclass sets each field through `object.__setattr__` (the documented price of `frozen=True`); a message,
an amount, an outcome or a card section is built a dozen times per card, and that price was 18 % of a rights card's
instructions (`bench/card_instructions.py`). `record` declares the class frozen to the type checker — `mypy --strict`,
run by `make test`, refuses any assignment to a field — and builds it at run time as a slotted dataclass, whose
`__init__` assigns fields directly. Equal records stay equal and hash alike (`unsafe_hash`: safe, nothing assigns).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """The class as an immutable record: frozen for the type checker, a slotted dataclass at run time."""
    return dataclass(cls, slots=True, unsafe_hash=True)
