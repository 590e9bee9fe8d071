"""`faire-lien flags`: the questions people did not understand, a count under 5 in a language never given."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.db import Database
from storage.models import QuestionFlag
from tests.support.cli import RunCli

NOW = datetime(2026, 11, 30, 10, tzinfo=UTC)


async def test_counts_under_5_in_a_language_are_not_given_nor_found_from_the_total(
    db: Database, run_cli: RunCli
) -> None:
    flags = [("residence", "fa")] * 6 + [("born", "fr")] * 5 + [("income", "uk")] + [("income", "ar")] * 2
    async with db.unit_of_work() as session:
        session.add_all(
            QuestionFlag(flow_id="rights_check", step_id=s, language=lang, created_at=NOW) for s, lang in flags
        )
    out = run_cli("flags", env={"DATABASE_URL": db.url}).check()
    assert out.splitlines() == [
        "    6  rights_check.residence [fa]",
        "    5  rights_check.born [fr]",
        "  < 5  rights_check.income [ar]",  # by name, not by count: which of the two is more is not said either
        "  < 5  rights_check.income [uk]",
        "11 flag(s) on the questions flagged 5 times or more",  # 14 flags in all: the total would give the rest away
        "2 question(s) flagged fewer than 5 times in one language: how many is not given, so that nobody can be "
        "recognised by their language",
    ]
