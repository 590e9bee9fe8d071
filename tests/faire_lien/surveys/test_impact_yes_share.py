"""The yearly report's impact lines: the share of « oui » among yes/no answers, « < 5 » when fewer than 5 gave one."""

from __future__ import annotations

from datetime import timedelta

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.surveys.report import as_text, yearly
from storage.db import Database
from tests.conftest import NOW
from tests.support.surveys import surveyed_session


async def report_lines(flows: dict[str, Flow], db: Database, answers: list[dict[str, str]]) -> list[str]:
    """The impact section of 2026's report after one session of those answers."""
    async with db.unit_of_work() as session:
        await surveyed_session(session, NOW - timedelta(days=30), answers, invited=10, flow_id="impact_3m")
    async with db.read_only() as reader:
        lines = await yearly(reader, 2026, flows, NOW)
    text = as_text(2026, lines, translator("fr"))
    return text.split("[Trois mois après]\n")[1].splitlines()


async def test_a_share_of_yes_over_fewer_than_5_yes_or_no_reads_fewer_than_5(
    flows: dict[str, Flow], db: Database
) -> None:
    """Ten answered; on « moins seul·e » 8 were not concerned, 1 said yes, 1 no: « < 5 », not « oui : 50 % (n = 2) »;
    on « contacts » all 10 were not concerned: « < 5 », not « oui : 0 % (n = 0) »."""
    answers = [{"rights_known": "yes", "less_alone": "not_concerned", "contacts": "not_concerned"} for _ in range(8)]
    answers += [
        {"rights_known": "no", "less_alone": "yes", "contacts": "not_concerned"},
        {"rights_known": "yes", "less_alone": "no", "contacts": "not_concerned"},
    ]
    lines = await report_lines(flows, db, answers)
    assert (
        "Je connais mieux mes droits et mes obligations : oui : 90 % (n = 10) — sans les réponses « pas concerné·e »"
        in lines
    )
    not_concerned = " — sans les réponses « pas concerné·e »"
    assert f"Je me sens moins seul·e : < 5{not_concerned}" in lines
    assert f"J'ai renoué des contacts que j'avais perdus : < 5{not_concerned}" in lines
    assert not any("n = 2)" in line or "n = 0)" in line for line in lines)
