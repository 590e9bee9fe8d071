"""Numbers typed on the command line are refused with a sentence (exit 2), never a database error or a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import RunCli

TOO_BIG = str(2**63)
"""One past the largest number a database row holds: SQLite raised OverflowError on it."""


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("sessions", "roster", TOO_BIG),
            f"a number shown by the listing commands is a whole number from 1, not {TOO_BIG}",
        ),
        (("sessions", "roster", "0"), "a number shown by the listing commands is a whole number from 1, not 0"),
        (("sessions", "attend", "-4", "present"), "a whole number from 1, not -4"),
        (("outbox", "retry", TOO_BIG), f"from 1, not {TOO_BIG}"),
        (("surveys", "results", "--meeting", "-1"), "a whole number from 1, not -1"),
        (("staff", "revoke", "-5"), "a Telegram user id is a whole number from 1, not -5"),
        (("staff", "add-coordinator", TOO_BIG), f"a Telegram user id is a whole number from 1, not {TOO_BIG}"),
        (("audit", "--limit", "-1"), "a limit is a whole number from 1 to 100000, not -1"),
        (("sessions", "roster", "douze"), "'douze' is not a whole number"),
    ],
)
def test_a_number_out_of_range_is_refused_before_the_database_is_read(
    run_cli: RunCli, tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    database = tmp_path / "staff.db"
    refused = run_cli(*args, env={"DATABASE_URL": f"sqlite+aiosqlite:///{database}"})
    assert refused.code == 2
    assert said in refused.stderr and "Traceback" not in refused.stderr
    assert not database.exists()  # refused while reading the command line: the database was not even opened
