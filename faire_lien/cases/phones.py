"""Phone numbers on a request as French people read them: « 06 12 34 56 78 », « +33 6 12 34 56 78 ».

Only the display changes: the number stays stored as the person typed it (digits run together, `parse_text`).
A number that is not French (another country's, a short number, anything else) is shown as typed.
"""

from __future__ import annotations

import re

NATIONAL = re.compile(r"0[1-9][0-9]{8}")
"""A French number as dialled in France: 0, then nine digits (overseas departments included: 0262…, 0690…)."""
INTERNATIONAL = re.compile(r"(?:\+|00)33(?:\(0\))?([1-9][0-9]{8})")
"""The same number as dialled from abroad: +33 or 0033, without the 0 (sometimes kept in brackets)."""
SEPARATORS = re.compile(r"[\s.\-]+")
"""How people group a number when they type it: spaces, dots, hyphens."""


def french_phone(typed: str) -> str:
    """A French number grouped by pairs (« 06 12 34 56 78 », from abroad « +33 6 12 34 56 78 »); anything else
    as typed."""
    compact = SEPARATORS.sub("", typed.strip())
    if NATIONAL.fullmatch(compact):
        return _pairs(compact)
    abroad = INTERNATIONAL.fullmatch(compact)
    if abroad:
        digits = abroad.group(1)
        return f"+33 {digits[0]} {_pairs(digits[1:])}"
    return typed


def _pairs(digits: str) -> str:
    return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))
