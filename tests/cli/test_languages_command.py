"""`faire-lien languages` shows staff how much of each language a professional has reviewed, message by message."""

from __future__ import annotations

from dialogs.review import review
from tests.support.cli import RunCli


def test_languages_lists_reviewed_and_draft_messages_per_language(run_cli: RunCli) -> None:
    out = run_cli("languages").check()
    header, *rows = out.splitlines()
    assert header.split()[-3:] == ["review", "reviewed", "draft"]
    arabic = next(row.split() for row in rows if row.startswith("ar "))
    assert arabic[-3:] == ["draft", "0", str(review("ar").draft)]
