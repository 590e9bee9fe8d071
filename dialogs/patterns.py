"""Answer formats written in flow files (a text step's `pattern`), run by RE2 only.

RE2 matches in time linear in the answer's length, whatever the pattern: a staff file with a pattern
like `(a|aa)+$`, which Python's `re` takes seconds to refuse on a few dozen characters, cannot freeze
the bot. RE2 has no backreferences or lookarounds; `faire-lien flows check` reports such patterns.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

import re2

log = logging.getLogger(__name__)

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # the reason goes into our own error, not onto stderr by RE2's C++ logger

_reported: set[tuple[str, str]] = set()


def problem(pattern: str) -> str | None:
    """Why RE2 cannot run this pattern (None when it can), as `flows check` prints it."""
    try:
        re2.compile(pattern, options=_OPTIONS)
    except re2.error as exc:
        return _reason(exc)
    return None


@functools.cache
def compiled(pattern: str) -> Any:
    """The compiled pattern, or None when RE2 refuses it (kept once per pattern written in a file)."""
    try:
        return re2.compile(pattern, options=_OPTIONS)
    except re2.error:
        return None


def fullmatch(pattern: str, text: str, where: str) -> bool | None:
    """Whether the whole text has the format; None when the pattern cannot run (logged once per place).

    `where` names the flow and step for the log line; the text itself is never logged.
    """
    regexp = compiled(pattern)
    if regexp is None:
        if (where, pattern) not in _reported:
            _reported.add((where, pattern))
            reason = problem(pattern)
            log.error(
                "flow file error at %s: its pattern cannot run (%s); answers there are not checked", where, reason
            )
        return None
    return regexp.fullmatch(text) is not None


def _reason(exc: Exception) -> str:
    """RE2's reason in words (it comes as bytes)."""
    reason = exc.args[0] if exc.args else exc
    return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
