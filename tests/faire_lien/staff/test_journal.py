"""Every action the code writes to the audit log has words in the bot's journal and a sentence in the console's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from dialogs.i18n import available_languages, translator
from faire_lien.staff.journal import ACTIONS, action_words
from storage.statuses import AuditAction
from web.console.audit_words import WORDS

ROOT = Path(__file__).resolve().parents[3]
WRITERS = ("storage", "faire_lien", "web", "cli", "bot")
WRITTEN = (
    re.compile(
        r"^(?!.*add_argument).*\baction=([^,\n)]+)", re.MULTILINE
    ),  # record(action="read_roster"), "a" if on else "b"
    re.compile(r"\.audit\(\s*(\"[a-z_]+\")"),  # the console's current.audit("export_yearly_report", ...)
    re.compile(
        r"(?<!\.)\b_audit\(\s*session,\s*\w+,\s*(\"[a-z_]+\")"
    ),  # the cases service's _audit(session, staff, "...")
    re.compile(r"ExportAction = Literal\[([^\]]+)\]"),
)


def written_actions() -> set[str]:
    """The action codes the source writes to the audit log, as found in its text."""
    found: set[str] = set()
    for package in WRITERS:
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for pattern in WRITTEN:
                for expression in pattern.findall(text):
                    found.update(re.findall(r"\"([a-z_]+)\"", expression))
    return found


def test_every_action_written_is_an_audit_action_with_words_in_the_bot_and_the_console() -> None:
    written = written_actions()
    assert {
        "read_roster",
        "assign_facilitator",
        "unassign_facilitator",
        "write_case",
        "export_yearly_report",
        "export_survey_nothing",
    } <= written
    actions = set(get_args(AuditAction))
    assert written - actions == set(), "add the action to storage.statuses.AuditAction"
    assert actions - set(ACTIONS) == set(), "add its words to faire_lien/staff/journal.py: ACTIONS"
    assert actions - set(WORDS) == set(), "add its sentence to web/console/audit_words.py: WORDS"
    assert set(ACTIONS) - actions == set(), "words for an action that is not an AuditAction"


def test_every_action_reads_as_words_in_every_language() -> None:
    for language in available_languages():
        t = translator(language)
        for action in ACTIONS:
            words = t(action_words(action))
            assert words and action not in words and "{" not in words, (language, action)


def test_an_unknown_action_reads_neutrally_with_its_code() -> None:
    assert (
        translator("fr")(action_words("old_action")) == "a fait une action que cette version ne nomme pas (old_action)"
    )
    assert translator("en")(action_words("old_action")).endswith("(old_action)")
