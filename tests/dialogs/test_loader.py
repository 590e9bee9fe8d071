"""Broken flow files are reported with file, step id and reason; `faire-lien flows check` exits 1."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dialogs.loader import BUILTIN_FLOWS_DIR, FlowLoadError, check_flows, load_flows
from dialogs.results import BUILDERS
from tests.support.cli import RunCli

GOOD_STEP = """
  - id: q1
    kind: yesno
    text: "Question ?"
"""


def write(tmp_path: Path, body: str, name: str = "broken.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def errors_for(tmp_path: Path, body: str) -> list[str]:
    write(tmp_path, body)
    _, errors = check_flows([tmp_path], BUILDERS)
    return [str(e) for e in errors]


def test_shipped_flows_are_valid() -> None:
    flows, errors = check_flows([BUILTIN_FLOWS_DIR], BUILDERS)
    assert errors == []
    assert {"rights_check", "callback"} <= set(flows)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("id: x\nversion: 1\ntitle: T\nsteps: [\n", "invalid YAML at line"),
        ("- just a list\n", "must be a mapping"),
        ("id: x\ntitle: T\nsteps:" + GOOD_STEP, "version: Field required"),
        (
            "id: x\nversion: 1\ntitle: T\nsteps:\n  - id: q1\n    kind: number\n    text: N\n    min: 5\n    max: 1\n",
            "step q1: min (5) is greater than max (1)",
        ),
        (
            "id: x\nversion: 1\ntitle: T\nsteps:\n  - id: q1\n    kind: slider\n    text: N\n",
            "step q1: kind: Input should be",
        ),
        (
            "id: x\nversion: 1\ntitle: T\nsteps:\n  - id: q1\n    kind: choice\n    text: C\n"
            "    options: [{id: a, label: A}]\n",
            "step q1: a choice step needs at least 2 options",
        ),
        (
            "id: x\nversion: 1\ntitle: T\nsteps:" + GOOD_STEP + "    next: nowhere\n",
            "step q1: next 'nowhere' is neither a step id nor 'end'",
        ),
        ("id: x\nversion: 1\ntitle: T\nsteps:" + GOOD_STEP + "    next: q1\n", "step q1: the flow loops back: q1 → q1"),
        (
            "id: x\nversion: 1\ntitle: T\nsteps:" + GOOD_STEP + GOOD_STEP.replace("q1", "q2"),
            "step q2: no path leads to this step",
        ),
        ("id: x\nversion: 1\ntitle: T\nsteps:" + GOOD_STEP + GOOD_STEP, "step q1: step id is used more than once"),
        ("id: x\nversion: 1\ntitle: T\nresult: magic\nsteps:" + GOOD_STEP, "unknown result builder 'magic'"),
        (
            "id: x\nversion: 1\ntitle: T\nsteps:"
            + GOOD_STEP
            + "    next:\n      - when: {answer: q1, equals: true}\n        goto: end\n",
            "step q1: the last branch of next must have no 'when'",
        ),
        (
            "id: x\nversion: 1\ntitle: T\nsteps:"
            + GOOD_STEP
            + "    next:\n      - when: {answer: q9, equals: true}\n        goto: end\n"
            "      - goto: end\n",
            "step q1: condition refers to unknown step 'q9'",
        ),
        (
            "id: x\nversion: 1\ntitle: T\nsteps:"
            + GOOD_STEP
            + "    next:\n      - when: {answer: q1, equals: oui}\n        goto: end\n"
            "      - goto: end\n",
            "condition on yes/no step 'q1' must compare with true or false",
        ),
        (
            "id: x\nversion: 1\ntitle: T\nsteps:"
            + GOOD_STEP
            + "    next:\n      - when: {answer: q1, equals: true, gt: 3}\n"
            "        goto: end\n      - goto: end\n",
            "needs exactly one operator, got 2",
        ),
        (
            "id: x\nversion: 1\ntitle: T\nsteps:"
            + GOOD_STEP
            + "    next:\n      - when: {answer: q1, eval: 'os.system()'}\n"
            "        goto: end\n      - goto: end\n",
            "step q1: next",
        ),
        (
            "id: x\nversion: 1\ntitle: T\nsteps:\n  - id: q1\n    kind: number\n    text: N\n"
            "    next:\n      - when: {answer: q1, gte: yes}\n        goto: end\n      - goto: end\n",
            "step q1: next.0.when.gte: true (yes/no in YAML) is not a number",
        ),
    ],
)
def test_broken_flow_files_are_explained(tmp_path: Path, body: str, expected: str) -> None:
    errors = errors_for(tmp_path, body)
    assert errors, "a broken file must be reported"
    assert any(expected in e for e in errors), errors
    assert all(e.startswith(str(tmp_path / "broken.yaml")) for e in errors)


def test_duplicate_flow_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, "id: x\nversion: 1\ntitle: T\nsteps:" + GOOD_STEP, "a.yaml")
    write(tmp_path, "id: x\nversion: 2\ntitle: T\nsteps:" + GOOD_STEP, "b.yaml")
    with pytest.raises(FlowLoadError, match="flow id 'x' is already used"):
        load_flows([tmp_path], BUILDERS)


def test_flows_check_command_exit_codes(tmp_path: Path, run_cli: RunCli) -> None:
    write(tmp_path, "id: x\nversion: 1\ntitle: T\nsteps:" + GOOD_STEP + "    next: nowhere\n")
    bad = run_cli("flows", "check", str(tmp_path))
    assert bad.code == 1
    assert "broken.yaml: step q1: next 'nowhere'" in bad.stderr
    good = run_cli("flows", "check", str(BUILTIN_FLOWS_DIR))
    assert good.code == 0, good.stderr
    assert "6 flow(s) valid, 0 error(s)" in good.stdout
