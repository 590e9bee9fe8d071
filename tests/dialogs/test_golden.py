"""Golden dialog tests: each JSON case lists inputs and the exact texts and buttons a person sees.

Regenerate after an intended wording change with `GOLDEN_UPDATE=1 make test`, then review the diff.
A case may list `meetings` published before its first turn (`in_days` from the tests' fixed clock, then any
`Meeting` column: `capacity`, `taken`, `min_size`, `title`…) and name the `staff` role its person holds (a
mediator's journeys).
"""

from __future__ import annotations

import itertools
import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from faire_lien.assistant import Assistant
from storage import meetings
from storage.db import Database
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person, seen
from tests.support.records import a_meeting

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*/*.json"))


@pytest.fixture(autouse=True)
def predictable_booking_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Booking codes are random in production; golden files record them, so here they come in a fixed order."""
    drawn = ("".join(letters) for letters in itertools.product(meetings.CODE_ALPHABET, repeat=meetings.CODE_LENGTH))
    codes = itertools.chain(["K7MXRA", "P3HWTE", "VD6NCY"], drawn)
    monkeypatch.setattr(meetings, "booking_code", lambda: next(codes))


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
async def test_golden_dialog(case: Path, assistant: Assistant, db: Database) -> None:
    spec = json.loads(case.read_text(encoding="utf-8"))  # noqa: ASYNC240 - small fixture file
    await publish(db, spec.get("meetings", []))
    person = Person(assistant, db, language_hint=spec["language"])
    if "staff" in spec:  # the person holds this staff role (a mediator's journeys)
        assert person.who.telegram_id is not None
        await make_staff(db, person.who.telegram_id, spec["staff"])
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


async def publish(db: Database, meetings: list[dict[str, Any]]) -> None:
    """The case's meetings, as staff would have published them."""
    async with db.unit_of_work() as session:
        for fields in meetings:
            starts = NOW + timedelta(days=fields["in_days"])
            await a_meeting(session, starts, **{k: v for k, v in fields.items() if k != "in_days"})


def test_golden_cases_exist_in_french_and_english() -> None:
    languages = {json.loads(c.read_text(encoding="utf-8"))["language"] for c in CASES}
    assert {"fr", "en"} <= languages
