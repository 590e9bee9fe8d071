"""A problem found in a flow file: the English sentence `flows check` prints, with a code and its parameters.

The console writes the common problems (a field missing, an unknown kind of step, bounds the wrong way round, a
threshold out of reach, an id used twice, a YAML syntax error and its line) in its reader's language from the
code; any other problem keeps only its sentence (`web/console/flow_problems.py`).
"""

from __future__ import annotations

Param = str | int


class Problem(str):
    """The sentence as the command line prints it, carrying `code` and `params` for a translation."""

    code: str
    params: dict[str, Param]

    def __new__(cls, text: str, code: str, **params: Param) -> Problem:
        """ "min (10) is greater than max (2)", code "min_max", params min=10, max=2."""
        made = super().__new__(cls, text)
        made.code = code
        made.params = dict(params)
        return made

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, Param]]:
        """Copied or pickled with its code and parameters."""
        return (str(self), self.code), dict(self.params)


def code_of(reason: str) -> tuple[str, dict[str, Param]]:
    """A reason's code and parameters ("" and none for a sentence without one)."""
    if isinstance(reason, Problem):
        return reason.code, dict(reason.params)
    return "", {}
