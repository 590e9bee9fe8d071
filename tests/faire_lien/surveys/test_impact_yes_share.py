"""The yearly report's impact lines: the share of « oui » among yes/no answers, « < 5 » when fewer than 5 gave one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.surveys.report import as_text, yearly
from storage.db import Database
from tests.conftest import NOW
from tests.support.surveys import surveyed_session


async def report_lines(
    flows: dict[str, Flow], db: Database, answers: list[dict[str, str]], language: str = "fr"
) -> list[str]:
    """The impact section of 2026's report after one session of those answers, in `language`."""
    async with db.unit_of_work() as session:
        await surveyed_session(session, NOW - timedelta(days=30), answers, invited=20, flow_id="impact_3m")
    async with db.read_only() as reader:
        lines = await yearly(reader, 2026, flows, NOW)
    t = translator(language)
    flow = flows["impact_3m"]
    return as_text(2026, lines, t).split(f"[{t(flow.title, flow.context)}]\n")[1].splitlines()


async def test_a_share_of_yes_over_fewer_than_5_yes_or_no_reads_fewer_than_5(
    flows: dict[str, Flow], db: Database
) -> None:
    """Ten answered; on « moins seul·e » 8 were not concerned, 1 said yes, 1 no: « < 5 », not « oui : 50 % (n = 2) »;
    on « contacts » all 10 were not concerned: « < 5 », not « oui : 0 % (n = 0) ». With fewer than 5 concerned, the
    session's answers to those questions count not at all: no « pas concerné·e » count beside them either."""
    answers = [{"rights_known": "yes", "less_alone": "not_concerned", "contacts": "not_concerned"} for _ in range(8)]
    answers += [
        {"rights_known": "no", "less_alone": "yes", "contacts": "not_concerned"},
        {"rights_known": "yes", "less_alone": "no", "contacts": "not_concerned"},
    ]
    lines = await report_lines(flows, db, answers)
    assert "Je connais mieux mes droits et mes obligations : oui : 90 % (n = 10)" in lines
    assert "Je me sens moins seul·e : < 5" in lines
    assert "J'ai renoué des contacts que j'avais perdus : < 5" in lines
    assert not any("n = 2)" in line or "n = 0)" in line for line in lines)


def fifteen_answers() -> list[dict[str, str]]:
    """On « droits » 6 yes, 2 no, 7 not concerned; on « moins seul·e » 12 yes, 1 no, 2 not concerned."""
    rights = ["yes"] * 6 + ["no"] * 2 + ["not_concerned"] * 7
    alone = ["yes"] * 12 + ["no"] + ["not_concerned"] * 2
    return [{"rights_known": r, "less_alone": a} for r, a in zip(rights, alone, strict=True)]


async def test_an_impact_line_says_how_many_answers_were_not_concerned(flows: dict[str, Flow], db: Database) -> None:
    """Before: « — sans les réponses « pas concerné·e » » whether 7, 2 or none were; now how many (fewer than 5 read
    « moins de 5 », as any figure about fewer than 5 people), and nothing when none were."""
    lines = await report_lines(flows, db, fifteen_answers())
    rights = "Je connais mieux mes droits et mes obligations : oui : 75 % (n = 8)"
    assert f"{rights} — sans les 7 réponses « pas concerné·e »" in lines
    alone = "Je me sens moins seul·e : oui : 92,3 % (n = 13)"
    assert f"{alone} — sans les réponses « pas concerné·e » (moins de 5)" in lines
    assert [line for line in lines if line.startswith("J'ai renoué")] == [
        "J'ai renoué des contacts que j'avais perdus : < 5"
    ]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "(n = 8) — 7 “does not apply to me” answers left out"),
        ("ru", "(n = 8) — без 7 ответов «Ко мне не относится»"),
    ],
)
async def test_the_count_of_not_concerned_answers_is_written_in_the_readers_words(
    flows: dict[str, Flow], db: Database, language: str, said: str
) -> None:
    lines = await report_lines(flows, db, fifteen_answers(), language)
    assert any(line.endswith(said) for line in lines), lines
