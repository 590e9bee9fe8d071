"""One broken staff grid leaves the bot running without it (an ERROR names the file and the problem); a broken
shipped file still stops start-up, and `flows check` still refuses the staff file."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

import dialogs.loader
from cli.served import served_flows
from dialogs.loader import BUILTIN_DIRS, BUILTIN_FILES, BUILTIN_GRIDS_DIR, FlowLoadError
from faire_lien.config import Settings
from tests.support.cli import RunCli

GRID = """id: {id}
version: 1
title: Ma grille
result: grid
steps:
  - {{id: a, kind: yesno, text: "Vous sentez-vous seul·e ?", next: end}}
scoring:
  points: {{a: {{"yes": 1}}}}
  orientations:
    - {{id: haut, when: {{answer: score, {limit}}}, text: "Un professionnel peut vous appeler.", offers: [callback]}}
    - {{id: rien, text: "Merci pour votre réponse."}}
"""


def staff_folder(tmp_path: Path) -> Path:
    """A staff folder with a good grid, a grid with `gte: yes` and a grid reusing a shipped grid's id."""
    folder = tmp_path / "grilles"
    folder.mkdir()
    (folder / "bonne.yaml").write_text(GRID.format(id="bonne", limit="gte: 1"), encoding="utf-8")
    (folder / "faute.yaml").write_text(GRID.format(id="faute", limit="gte: yes"), encoding="utf-8")
    (folder / "double.yaml").write_text(GRID.format(id="epices", limit="gte: 1"), encoding="utf-8")
    return folder


def test_the_shipped_files_list_is_every_shipped_flow_file() -> None:
    shipped = {p for d in BUILTIN_DIRS for p in [*d.glob("*.yaml"), *d.glob("*.yml")]}
    assert set(BUILTIN_FILES) == shipped  # a file added to dialogs/ must be listed, or a bug in it is only logged


def test_a_broken_staff_grid_is_left_out_and_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = staff_folder(tmp_path)
    settings = Settings(flows_dirs=[*BUILTIN_DIRS, folder])
    with caplog.at_level(logging.ERROR, logger="faire_lien"):
        flows, left_out = served_flows(settings)
    assert {"epices", "gfst", "rights_check", "bonne"} <= flows.keys()
    assert "faute" not in flows
    assert flows["epices"].title == "Questionnaire EPICES"  # the shipped grid, not the staff file reusing its id
    assert [str(e) for e in left_out] == [
        f"{folder / 'double.yaml'}: flow id 'epices' is already used by {BUILTIN_GRIDS_DIR / 'epices.yaml'}",
        f"{folder / 'faute.yaml'}: scoring.orientations.haut.when.gte: true (yes/no in YAML) is not a number: "
        "write the number to compare with, e.g. 30",
    ]
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in errors] == [
        f"staff flow file left out, running without it (`faire-lien flows check` lists it): {e}" for e in left_out
    ]


def test_a_broken_shipped_file_still_stops_start_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = staff_folder(tmp_path)
    monkeypatch.setattr(dialogs.loader, "_BUILTIN_RESOLVED", frozenset({(folder / "faute.yaml").resolve()}))
    with pytest.raises(FlowLoadError, match=r"faute\.yaml: scoring\.orientations\.haut\.when\.gte: true"):
        served_flows(Settings(flows_dirs=[folder]))


def test_flows_check_still_refuses_the_staff_grid(tmp_path: Path, run_cli: RunCli) -> None:
    folder = staff_folder(tmp_path)
    run = run_cli("flows", "check", env={"FLOWS_DIRS": json.dumps([*map(str, BUILTIN_DIRS), str(folder)])})
    assert run.code == 1
    assert f"{folder / 'faute.yaml'}: scoring.orientations.haut.when.gte" in run.stderr


@pytest.mark.parametrize(
    "command",
    [("grids", "stats"), ("grids", "results", "bonne"), ("surveys", "results", "--kind", "hot_evaluation")],
    ids=["grids stats", "grids results", "surveys results"],
)
def test_staff_commands_run_without_the_broken_staff_grid(
    tmp_path: Path, run_cli: RunCli, command: tuple[str, ...], caplog: pytest.LogCaptureFixture
) -> None:
    """`grids stats`, `grids results` and `surveys results` answer with the other grids and log the file left out
    as an ERROR (on stderr); before, they stopped on a traceback (FlowLoadError) because of one staff file."""
    folder = staff_folder(tmp_path)
    with caplog.at_level(logging.ERROR, logger="faire_lien"):
        run = run_cli(*command, env={"FLOWS_DIRS": json.dumps([*map(str, BUILTIN_DIRS), str(folder)])})
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr
    left_out = (
        f"staff flow file left out, running without it (`faire-lien flows check` lists it): {folder / 'faute.yaml'}"
    )
    assert any(r.getMessage().startswith(left_out) for r in caplog.records)
