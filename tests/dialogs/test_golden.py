"""Golden dialog tests: each JSON case lists inputs and the exact texts and buttons a person sees.

Regenerate after an intended wording change with `GOLDEN_UPDATE=1 make test`, then review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.dialogs.golden_driver import Person, seen

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*/*.json"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
async def test_golden_dialog(case: Path, assistant: Assistant, db: Database) -> None:
    spec = json.loads(case.read_text(encoding="utf-8"))  # noqa: ASYNC240 - small fixture file
    person = Person(assistant, db, language_hint=spec["language"])
    recorded = []
    for turn in spec["turns"]:
        replies = seen(await person.do(turn["do"]))
        recorded.append({"do": turn["do"], "expect": replies})
        if not os.environ.get("GOLDEN_UPDATE"):
            assert replies == turn["expect"], f"{case.name}: after {turn['do']!r}"
    if os.environ.get("GOLDEN_UPDATE"):
        spec["turns"] = recorded
        text = json.dumps(spec, ensure_ascii=False, indent=1) + "\n"
        case.write_text(text, encoding="utf-8")  # noqa: ASYNC240 - regenerating fixtures on request


def test_golden_cases_exist_in_french_and_english() -> None:
    languages = {json.loads(c.read_text(encoding="utf-8"))["language"] for c in CASES}
    assert {"fr", "en"} <= languages
