"""The rule table: dated values with sources, stale and unverified values, `faire-lien rules check`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from dialogs.rights.table import TableError, default_table, parse_table
from tests.support.cli import RunCli


def test_every_value_has_a_date_and_a_source() -> None:
    table = default_table()
    assert len(table.series) >= 20
    for name, series in table.series.items():
        for period in series.periods:
            assert period.source.strip(), name
            assert period.since <= date(2026, 7, 1), name


def test_value_in_force_on_a_day() -> None:
    table = default_table()
    assert table("c2s_ceiling_free", date(2025, 3, 31)).value["1"] == 10166  # type: ignore[index]
    assert table("c2s_ceiling_free", date(2025, 4, 1)).value["1"] == 10339  # type: ignore[index]
    assert table("rsa_base_amount", date(2026, 4, 1)).value == Decimal("651.69")


def test_missing_revaluation_applies_older_values_and_says_so() -> None:
    table = default_table()
    applied = table("c2s_ceiling_free", date(2026, 11, 22))
    assert applied.value["1"] == 10339  # type: ignore[index]
    assert (applied.since, applied.stale_since) == (date(2025, 4, 1), date(2026, 4, 1))
    assert table("c2s_ceiling_free", date(2025, 11, 22)).stale_since is None
    assert {a.name for a in table.stale(date(2026, 11, 22))} == {
        "c2s_ceiling_free",
        "c2s_ceiling_participation",
        "c2s_ceiling_free_overseas",
        "c2s_ceiling_participation_overseas",
    }


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
"""
    table = parse_table(text)
    assert table("x", date(2026, 3, 31)).stale_since is None
    assert table("x", date(2026, 4, 1)).stale_since == date(2026, 4, 1)


def test_unverified_values_are_listed() -> None:
    names = {a.name for a in default_table().unverified(date(2025, 10, 1))}
    assert "c2s_ceiling_free_overseas" in names
    assert "c2s_ceiling_free" not in names


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("x: [", "not valid YAML"),
        ("- 1\n", "expected a mapping"),
        ("x:\n  description: X\n  unit: u\n  periods:\n    - since: 2025-01-01\n      value: 1\n", "x: "),
        (
            "x:\n  description: X\n  unit: u\n  periods:\n"
            "    - {since: 2025-01-01, value: 1, source: arrêté}\n"
            "    - {since: 2024-01-01, value: 2, source: arrêté}\n",
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
    assert "STALE c2s_ceiling_free:" in stale.stdout
    assert "the revaluation of 2026-04-01 is missing" in stale.stdout
    assert "4 stale" in stale.stdout
    fresh = run_cli("rules", "check", "--today", "2025-10-01")
    assert fresh.code == 0, fresh.stdout
    assert "UNVERIFIED c2s_ceiling_free_overseas" in fresh.stdout
    broken = tmp_path / "rules.yaml"
    broken.write_text("x: [", encoding="utf-8")
    invalid = run_cli("rules", "check", "--file", str(broken))
    assert invalid.code == 2
    assert "not valid YAML" in invalid.stderr
