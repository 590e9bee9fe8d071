"""Mermaid diagrams: one per flow, branches labelled, and the committed .mmd files up to date."""

from __future__ import annotations

from dialogs.diagram import mermaid
from dialogs.loader import BUILTIN_DIRS
from dialogs.schema import Flow
from tests.support.cli import RunCli

SHIPPED = [path for folder in BUILTIN_DIRS for path in folder.glob("*.yaml")]


def test_diagram_shows_steps_and_labelled_branches(flows: dict[str, Flow]) -> None:
    text = mermaid(flows["about_you"])  # a test fixture since the rights check replaced it
    assert text.startswith("%% about_you v1")
    assert "flowchart TD" in text
    assert 'situation -- "situation = sick_leave" --> sick_leave_long' in text
    assert 'situation -- "otherwise" --> finish' in text
    assert "\n    end" not in text  # `end` is a Mermaid keyword


def test_diagram_of_compound_conditions(flows: dict[str, Flow]) -> None:
    assert 'score -- "score ≥ 9.0 and many has x" --> comment' in mermaid(flows["all_kinds"])


def test_committed_diagrams_are_current(flows: dict[str, Flow]) -> None:
    for path in SHIPPED:
        committed = path.with_suffix(".mmd").read_text(encoding="utf-8")
        assert committed == mermaid(flows[path.stem]), f"run `make diagrams` to refresh {path.stem}.mmd"


def test_diagram_command_prints_every_flow(run_cli: RunCli) -> None:
    out = run_cli("flows", "diagram").check()
    assert out.count("flowchart TD") == len(SHIPPED)
