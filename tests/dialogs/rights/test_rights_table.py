"""The rule table: dated values with sources, stale and unverified values, `faire-lien rules check`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import dialogs.rights.table as table_module
from dialogs.rights.evaluate import evaluate
from dialogs.rights.household import Household
from dialogs.rights.outcome import Context
from dialogs.rights.table import PARSED_KEPT, RULES_FILE, TableError, default_table, parse_table, parsed
from tests.support.cli import RunCli


def test_every_value_has_a_date_a_source_and_a_link_to_the_official_text() -> None:
    table = default_table()
    assert len(table.series) >= 20
    for name, series in table.series.items():
        for period in series.periods:
            assert period.source.strip(), name
            assert period.since <= date(2026, 7, 1), name
            if not series.setting:
                assert period.href is not None and period.href.startswith("https://"), name
    settings = [name for name, series in table.series.items() if series.setting]
    assert settings == ["revaluation_notice_months", "uncertainty_margin_percent"]
    assert table("c2s_ceiling_base", date(2025, 10, 1)).href == (
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037950247"
    )


def test_a_legal_value_without_a_link_is_refused() -> None:
    text = "x:\n  description: X\n  unit: u\n  periods:\n    - {since: 2025-01-01, value: 1, source: arrêté}\n"
    with pytest.raises(TableError, match="href to the official text"):
        parse_table(text)
    with pytest.raises(TableError, match="href"):
        parse_table(text.replace("source: arrêté}", "source: arrêté, href: legifrance}"))
    assert parse_table(text.replace("  unit: u", "  unit: u\n  setting: true")).series["x"].setting


def test_value_in_force_on_a_day() -> None:
    table = default_table()
    assert table("c2s_ceiling_base", date(2025, 3, 31)).value == 10166
    assert table("c2s_ceiling_base", date(2025, 4, 1)).value == 10339
    assert table("rsa_base_amount", date(2026, 4, 1)).value == Decimal("651.69")
    assert table("puma_asylum_seekers", date(2019, 12, 31)).value == "all"
    assert table("puma_asylum_seekers", date(2020, 1, 1)).value == "minors"


def test_missing_revaluation_applies_older_values_and_says_so() -> None:
    table = default_table()
    applied = table("c2s_ceiling_base", date(2026, 11, 22))
    assert applied.value == 10339
    assert (applied.since, applied.stale_since) == (date(2025, 4, 1), date(2026, 4, 1))
    assert applied.doubtful
    assert table("c2s_ceiling_base", date(2025, 11, 22)).stale_since is None
    # Every ceiling (mainland, overseas, with participation) derives from this one base: one stale value.
    assert {a.name for a in table.stale(date(2026, 11, 22))} == {"c2s_ceiling_base"}


def test_a_yearly_series_without_the_new_year_is_stale() -> None:
    text = """
x:
  description: X
  unit: EUR
  revalued: "04-01"
  periods:
    - since: 2025-04-01
      value: 1
      source: somewhere
      href: https://www.legifrance.gouv.fr/
"""
    table = parse_table(text)
    assert table("x", date(2026, 3, 31)).stale_since is None
    assert table("x", date(2026, 4, 1)).stale_since == date(2026, 4, 1)


def test_unverified_values_are_listed() -> None:
    names = {a.name for a in default_table().unverified(date(2025, 10, 1))}
    assert names == {
        "c2s_overseas_collectivities",
        "c2s_overseas_rounding",
        "c2s_resources_not_counted",
        "benefit_deduction_couple",
        "c2s_participation_shared_custody",
        "puma_returning_pensioners",
    }
    assert {a.name for a in default_table().unverified(date(2025, 6, 29))} == {
        "c2s_overseas_collectivities",
        "c2s_overseas_rounding",
        "benefit_deduction_couple",
        "c2s_participation_shared_custody",
        "puma_returning_pensioners",
    }


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("x: [", "not valid YAML"),
        ("- 1\n", "expected a mapping"),
        ("x:\n  description: X\n  unit: u\n  periods:\n    - since: 2025-01-01\n      value: 1\n", "x: "),
        (
            "x:\n  description: X\n  unit: u\n  periods:\n"
            "    - {since: 2025-01-01, value: 1, source: arrêté, href: https://legifrance.gouv.fr}\n"
            "    - {since: 2024-01-01, value: 2, source: arrêté, href: https://legifrance.gouv.fr}\n",
            "increasing date order",
        ),
    ],
)
def test_a_broken_table_is_refused_with_the_series_name(text: str, error: str) -> None:
    with pytest.raises(TableError, match=error):
        parse_table(text)


def test_rules_check_command(tmp_path: Path, run_cli: RunCli) -> None:
    stale = run_cli("rules", "check", "--today", "2026-11-22")
    assert stale.code == 1
    assert "STALE c2s_ceiling_base:" in stale.stdout
    assert "the revaluation of 2026-04-01 is missing" in stale.stdout
    assert "1 stale" in stale.stdout
    fresh = run_cli("rules", "check", "--today", "2025-10-01")
    assert fresh.code == 0, fresh.stdout
    assert "UNVERIFIED c2s_overseas_collectivities" in fresh.stdout
    broken = tmp_path / "rules.yaml"
    broken.write_text("x: [", encoding="utf-8")
    invalid = run_cli("rules", "check", "--file", str(broken))
    assert invalid.code == 2
    assert "not valid YAML" in invalid.stderr


def test_rule_labels_are_extracted_for_translation() -> None:
    from dialogs.rights.extract import extract_rules
    from dialogs.rights.table import RULES_FILE

    with RULES_FILE.open("rb") as handle:
        found = list(extract_rules(handle, (), (), {}))
    periods = sum(len(series.periods) for series in default_table().series.values())
    assert len(found) == len(default_table().series) + periods  # each label, and each period's source note
    _line, function, (context, text), comments = found[0]
    assert (function, context, comments) == ("pgettext", "rules", ["rule puma_residence_months"])
    assert text == default_table().series["puma_residence_months"].description


def test_every_list_of_resources_left_out_has_its_sentence() -> None:
    from dialogs.rights.resources import NOT_COUNTED

    for period in default_table().series["c2s_resources_not_counted"].periods:
        assert isinstance(period.value, dict)
        assert frozenset(period.value) in NOT_COUNTED, period.since


def test_values_kept_per_day_follow_the_day_of_each_check() -> None:
    shared = parse_table(RULES_FILE.read_text(encoding="utf-8"))
    h = Household(age=40, resources=Decimal(10200))
    days = [date(2025, 3, 15), date(2025, 10, 15), date(2025, 3, 15), date(2024, 6, 1), date(2025, 10, 15)]
    for day in days:  # one table for every day, days taking turns: each check gets its own day's values
        alone = parse_table(RULES_FILE.read_text(encoding="utf-8"))
        assert evaluate(h, day, shared) == evaluate(h, day, alone), day
        kept = Context(day, shared)
        assert kept.number("c2s_ceiling_base") == Context(day, alone).number("c2s_ceiling_base"), day
    assert Context(date(2025, 3, 15), shared).number("c2s_ceiling_base") == Decimal(10166)
    assert Context(date(2025, 10, 15), shared).number("c2s_ceiling_base") == Decimal(10339)
    assert evaluate(h, date(2025, 3, 15), shared).get("c2s") != evaluate(h, date(2025, 10, 15), shared).get("c2s")


def test_a_rule_value_is_parsed_once_and_a_new_value_again() -> None:
    calls: list[dict[str, str]] = []

    def bands(value: dict[str, str]) -> tuple[int, ...]:
        calls.append(value)
        return tuple(sorted(int(k) for k in value))

    first, other = {"29": "8", "49": "14"}, {"29": "8", "49": "14", "59": "21"}
    assert parsed(first, bands) == (29, 49)
    assert parsed(first, bands) == (29, 49)
    assert parsed(other, bands) == (29, 49, 59)
    assert calls == [first, other]


def test_parsed_values_kept_are_bounded() -> None:
    values = [{"n": str(i)} for i in range(PARSED_KEPT + 10)]
    for value in values:
        parsed(value, len)
    assert len(table_module._PARSED) <= PARSED_KEPT
    assert parsed(values[-1], len) == 1
