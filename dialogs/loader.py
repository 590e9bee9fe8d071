"""Load flow YAML files and report every problem with its file, step id and reason."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import ValidationError

from dialogs.conditions import compares
from dialogs.problems import Param, Problem, code_of
from dialogs.schema import END, Flow, Step, category_warning
from dialogs.score_limits import score_problems
from dialogs.scoring import SCORE
from dialogs.steps import KindName, kind_of

BUILTIN_FLOWS_DIR = Path(__file__).parent / "flows"
BUILTIN_GRIDS_DIR = Path(__file__).parent / "grids"
BUILTIN_SURVEYS_DIR = Path(__file__).parent / "surveys"
"""Survey templates (satisfaction, impact); staff add theirs here like grids."""
BUILTIN_DIRS = (BUILTIN_FLOWS_DIR, BUILTIN_GRIDS_DIR, BUILTIN_SURVEYS_DIR)
"""Detection grids: staff add one by dropping a YAML file here (checked at start-up and by `flows check`)."""
BUILTIN_FILES = frozenset(
    [
        *(BUILTIN_FLOWS_DIR / f"{name}.yaml" for name in ("callback", "callback_on_behalf", "facilitator_meeting")),
        *(BUILTIN_FLOWS_DIR / f"{name}.yaml" for name in ("facilitator_meeting_on_behalf", "publish_session")),
        BUILTIN_FLOWS_DIR / "rights_check.yaml",
        *(BUILTIN_GRIDS_DIR / f"{name}.yaml" for name in ("epices", "faire_lien", "gfst", "renoncement")),
        *(BUILTIN_SURVEYS_DIR / f"{name}.yaml" for name in ("hot_evaluation", "impact_3m")),
    ]
)
"""The files the project ships: a problem in one of them stops start-up (a developer's bug). Any other file, even
in these folders, is a staff file: a problem in it leaves that file out (`load_served_flows`)."""


@dataclass(frozen=True)
class FlowError:
    """One problem found in a flow file."""

    file: str
    step: str | None
    reason: str
    """The English sentence `flows check` prints; a `Problem` when the console can write it in its reader's language."""

    @property
    def code(self) -> str:
        """What kind of problem it is, for a translation ("" when it has no code)."""
        return code_of(self.reason)[0]

    @property
    def params(self) -> dict[str, Param]:
        """The problem's parameters (a field, a step kind, a line of the file…)."""
        return code_of(self.reason)[1]

    @property
    def detail(self) -> str:
        """The problem without the file, as `flows check` prints it after the file (« step q1: … »)."""
        where = f"step {self.step}: " if self.step else ""
        return f"{where}{self.reason}"

    def __str__(self) -> str:
        return f"{self.file}: {self.detail}"


Loaded = tuple[dict[str, Flow], list[FlowError]]
"""Flows by id, and problems found in files."""


class FlowLoadError(Exception):
    """Raised when flow files are broken; carries every error found."""

    def __init__(self, errors: list[FlowError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


_BUILTIN_RESOLVED = frozenset(path.resolve() for path in BUILTIN_FILES)


def flow_files(directories: Iterable[Path]) -> list[Path]:
    """YAML files of the given folders, sorted for a stable order."""
    files: list[Path] = []
    for directory in directories:
        files.extend(sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]))
    return files


def load_flows(directories: Iterable[Path], builders: Collection[str]) -> dict[str, Flow]:
    """Load and check every flow; raise FlowLoadError listing all problems."""
    flows, errors = check_flows(directories, builders)
    if errors:
        raise FlowLoadError(errors)
    return flows


def load_served_flows(directories: Iterable[Path], builders: Collection[str]) -> Loaded:
    """The flows the bot serves and every problem of the staff files it leaves out (a broken file, a flow id already
    used); raise FlowLoadError when a shipped file is broken, as `load_flows` does."""
    parsed = [(path, *parse_flow_file(path, builders)) for path in flow_files(directories)]
    shipped = [(path, flow, errors) for path, flow, errors in parsed if path.resolve() in _BUILTIN_RESOLVED]
    errors = _gather(shipped)[1]
    if errors:
        raise FlowLoadError(errors)
    origin = {flow.id: str(path) for path, flow, _ in shipped if flow is not None}
    served: dict[str, Flow] = {}
    left_out: list[FlowError] = []
    for path, flow, found in parsed:
        if path.resolve() in _BUILTIN_RESOLVED and flow is not None:
            served[flow.id] = flow
        elif found or flow is None:
            left_out.extend(found)
        elif flow.id in origin:
            left_out.append(FlowError(str(path), None, _used_by(flow.id, origin[flow.id])))
        else:
            served[flow.id], origin[flow.id] = flow, str(path)
    return served, left_out


def _used_by(flow_id: str, other: str) -> Problem:
    return Problem(f"flow id '{flow_id}' is already used by {other}", "duplicate_flow", flow=flow_id, other=other)


def _gather(parsed: list[tuple[Path, Flow | None, list[FlowError]]]) -> tuple[dict[str, Flow], list[FlowError]]:
    """Flows by id in file order, and every error in file order, with one for each flow id used twice."""
    flows: dict[str, Flow] = {}
    origin: dict[str, str] = {}
    errors: list[FlowError] = []
    for path, flow, file_errors in parsed:
        errors.extend(file_errors)
        if flow is None:
            continue
        if flow.id in flows:
            errors.append(FlowError(str(path), None, _used_by(flow.id, origin[flow.id])))
            continue
        flows[flow.id] = flow
        origin[flow.id] = str(path)
    return flows, errors


def check_flows(directories: Iterable[Path], builders: Collection[str]) -> tuple[dict[str, Flow], list[FlowError]]:
    """Parse and check every flow file; return the good flows and all errors."""
    return _gather([(path, *parse_flow_file(path, builders)) for path in flow_files(directories)])


def flow_warnings(directories: Iterable[Path]) -> list[FlowError]:
    """What a file's author should read though the file loads: a category word not known (« profil »)."""
    warnings: list[FlowError] = []
    for path in flow_files(directories):
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # check_flows reports it
        warning = category_warning(raw) if isinstance(raw, dict) else None
        if warning is not None:
            warnings.append(FlowError(str(path), None, warning))
    return warnings


def parse_flow_file(path: Path, builders: Collection[str]) -> tuple[Flow | None, list[FlowError]]:
    """Read one file: YAML syntax, schema, then the links between steps."""
    name = str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return None, [FlowError(name, None, Problem(f"cannot read the file ({exc.__class__.__name__})", "unreadable"))]
    except yaml.YAMLError as exc:
        return None, [FlowError(name, None, _yaml_problem(exc))]
    if not isinstance(raw, dict):
        wanted = "the file must be a mapping with id, version, title and steps"
        return None, [FlowError(name, None, Problem(wanted, "not_mapping"))]
    try:
        flow = Flow.model_validate(raw)
    except ValidationError as exc:
        return None, [_schema_error(name, raw, e) for e in exc.errors()]
    errors = [FlowError(name, step, reason) for step, reason in check_links(flow, builders)]
    return (None if errors else flow), errors


def _yaml_problem(exc: yaml.YAMLError) -> Problem:
    """ "invalid YAML at line 4: expected ',' or ']'", with the line and PyYAML's words as parameters."""
    mark = getattr(exc, "problem_mark", None)
    problem = str(getattr(exc, "problem", None) or exc)
    if mark is None:
        return Problem(f"invalid YAML: {problem}", "yaml", problem=problem)
    return Problem(f"invalid YAML at line {mark.line + 1}: {problem}", "yaml_line", line=mark.line + 1, problem=problem)


def _schema_error(name: str, raw: dict[str, Any], error: Any) -> FlowError:
    loc = list(error["loc"])
    step: str | None = None
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        steps = raw.get("steps")
        item = steps[loc[1]] if isinstance(steps, list) and loc[1] < len(steps) else None
        step = str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"#{loc[1] + 1}"
        loc = loc[2:]
    if loc[:2] == ["scoring", "orientations"] and len(loc) >= 3 and isinstance(loc[2], int):
        loc[2] = _orientation_name(raw, loc[2])
    field = ".".join(str(part) for part in loc if str(part) not in _TAGS)
    message = str(error["msg"]).removeprefix("Value error, ")
    text = f"{field}: {message}" if field else message
    return FlowError(name, step, _coded(text, field, error))


def _coded(text: str, field: str, error: Any) -> str:
    """The schema's sentence, with a code for a field missing, an unknown kind of step and a step's own `Problem`."""
    if error["type"] == "missing" and field:
        return Problem(text, "missing", field=field)
    if error["type"] == "literal_error" and field == "kind":
        return Problem(text, "unknown_kind", kind=str(error.get("input")), known=", ".join(get_args(KindName)))
    raised = error.get("ctx", {}).get("error")
    if isinstance(raised, ValueError) and raised.args and isinstance(raised.args[0], Problem):
        found = raised.args[0]
        return Problem(text, found.code, **found.params)
    return text


_TAGS = {"Compare", "AllOf", "AnyOf", "Not", "step", "branches"}
"""Which kind of condition or `next` a value was read as: pydantic puts it in the error's place, staff wrote none."""


def _orientation_name(raw: dict[str, Any], index: int) -> str:
    """An orientation as staff wrote it: its id, or its place (#2) when it has none."""
    scoring = raw.get("scoring")
    found = scoring.get("orientations") if isinstance(scoring, dict) else None
    item = found[index] if isinstance(found, list) and index < len(found) else None
    return str(item["id"]) if isinstance(item, dict) and item.get("id") else f"#{index + 1}"


def check_links(flow: Flow, builders: Collection[str]) -> list[tuple[str | None, str]]:
    """Problems between steps: unknown targets, bad conditions, cycles, unreachable steps."""
    problems: list[tuple[str | None, str]] = []
    ids = [s.id for s in flow.steps]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append((duplicate, Problem("step id is used more than once", "duplicate_step")))
    if flow.start is not None and flow.start not in ids:
        problems.append((None, f"start '{flow.start}' is not a step of this flow"))
    if flow.result not in builders:
        problems.append((None, f"unknown result builder '{flow.result}' (known: {', '.join(sorted(builders))})"))
    by_id = {s.id: s for s in flow.steps}
    for step in flow.steps:
        problems.extend((step.id, reason) for reason in _step_link_problems(step, by_id))
    problems.extend((None, reason) for reason in _scoring_problems(flow, by_id))
    if problems:
        return problems
    cycle = _find_cycle(flow)
    if cycle:
        problems.append((cycle[0], "the flow loops back: " + " → ".join(cycle)))
    reachable = _reachable(flow)
    problems.extend((s.id, "no path leads to this step") for s in flow.steps if s.id not in reachable)
    return problems


def _step_link_problems(step: Step, by_id: dict[str, Step]) -> list[str]:
    problems: list[str] = [
        Problem(f"next '{t}' is neither a step id nor '{END}'", "unknown_next", target=t)
        for t in step.targets()
        if t != END and t not in by_id
    ]
    if isinstance(step.next, list):
        if not step.next or step.next[-1].when is not None:
            problems.append("the last branch of next must have no 'when' (it is the default)")
        for branch in step.next:
            if branch.when is None:
                continue
            for leaf in compares(branch.when):
                problems.extend(
                    _compare_problems(leaf.answer, leaf.operators(), leaf.equals, leaf.one_of, leaf.contains, by_id)
                )
    for option in step.options:
        for leaf in compares(option.ticked_when) if option.ticked_when is not None else []:
            problems.extend(
                f"option {option.id}: {reason}"
                for reason in _compare_problems(
                    leaf.answer, leaf.operators(), leaf.equals, leaf.one_of, leaf.contains, by_id
                )
            )
    for total in step.at_most:
        other = by_id.get(total.answer)
        if other is None or other.kind != "number":
            problems.append(f"at_most refers to '{total.answer}', which is not a number step")
    return problems


def _scoring_problems(flow: Flow, by_id: dict[str, Step]) -> list[str]:
    """A grid's points and orientations must refer to real steps and answers."""
    if flow.scoring is None:
        return ["a 'grid' result needs a 'scoring' section"] if flow.result == "grid" else []
    problems = [] if flow.result == "grid" else ["a flow with 'scoring' must use 'result: grid'"]
    for step_id, table in flow.scoring.points.items():
        step = by_id.get(step_id)
        if step is None:
            problems.append(f"scoring.points: unknown step '{step_id}'")
            continue
        kind = kind_of(step)
        if not kind.scored:
            problems.append(
                f"scoring.points.{step_id}: a {step.kind} step gives no points (yes/no, choice and multi steps do); "
                "an orientation's 'when' can read its answer instead"
            )
            continue
        allowed = kind.answer_keys(step)
        unknown = [key for key in table if key not in allowed]
        if unknown:
            problems.append(f"scoring.points.{step_id}: {unknown!r} is not an answer of this step (answers: {allowed})")
    problems.extend(_skipped_problems(flow, by_id))
    scored = {**by_id, SCORE: Step(id=SCORE, kind="number", text="score", min=-1e9, max=1e9)}
    for orientation in flow.scoring.orientations:
        for leaf in compares(orientation.when) if orientation.when is not None else []:
            problems.extend(
                f"scoring.orientations.{orientation.id}: {reason}"
                for reason in _compare_problems(
                    leaf.answer, leaf.operators(), leaf.equals, leaf.one_of, leaf.contains, scored
                )
            )
    return problems + score_problems(flow.scoring)


def _skipped_problems(flow: Flow, by_id: dict[str, Step]) -> list[str]:
    """A grid whose every question with points can be skipped needs an orientation that concludes nothing: else
    a person who skipped them all reads a result (and staff count it) from the constant alone."""
    assert flow.scoring is not None
    scored = [by_id[step_id] for step_id in flow.scoring.points if step_id in by_id]
    if not scored or not all(step.optional for step in scored):
        return []
    if any(not orientation.concluded for orientation in flow.scoring.orientations):
        return []
    return [
        "every question with points can be skipped: add an orientation with 'concluded: false' for answers left out "
        f"(when: {{answer: {scored[0].id}, answered: false}}), or a skipped grid reads as a result"
    ]


def _compare_problems(
    answer: str,
    operators: list[str],
    equals: object,
    one_of: list[Any] | None,
    contains: str | None,
    by_id: dict[str, Step],
) -> list[str]:
    if len(operators) != 1:
        return [f"condition on '{answer}' needs exactly one operator, got {len(operators)}"]
    target = by_id.get(answer)
    if target is None:
        return [f"condition refers to unknown step '{answer}'"]
    values = [equals] if equals is not None else list(one_of or []) + ([contains] if contains else [])
    problem = kind_of(target).compare(target, operators[0], values)
    return [problem] if problem else []


def _find_cycle(flow: Flow) -> list[str]:
    graph = {s.id: [t for t in s.targets() if t != END] for s in flow.steps}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return []

    for node in graph:
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def _reachable(flow: Flow) -> set[str]:
    seen: set[str] = set()
    todo = [flow.first_step]
    while todo:
        node = todo.pop()
        if node in seen or node == END:
            continue
        seen.add(node)
        todo.extend(flow.step(node).targets())
    return seen
