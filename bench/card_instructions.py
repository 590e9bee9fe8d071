"""CPU instructions a rights card costs, counted by valgrind: a speed-up measured to the percent on a noisy machine.

Run `python bench/card_instructions.py [--n 400] [--warm 300] [--language fr] [--date 2025-10-15] [--seed 0]
[--stage card] [--repeat 1] [--compare DIR]`. Seconds on a shared virtual machine move by a third between runs
(bench/RESULTS.md); instructions do not depend on the load. The script runs the same loop as `bench/rights.py`
(answers → household → evaluation → result card rendered in the person's language, offer labels included) twice
under `valgrind --tool=cachegrind`: over the `--warm` households alone, then over them and `--n` households not
seen before; the difference divided by N is what one card costs once the process is warm, start-up and imports
left out. `--stage` counts one part alone: `household` (answers → household), `evaluate` (household → report),
`build` (answers → card's blocks: household, evaluation and layout) or `render` (blocks → text). With
`--compare DIR`, the checkout in DIR (its own `dialogs/`, same virtual environment) is counted in the same run,
turn about, and the ratio printed. Each count runs with `PYTHONHASHSEED=0`, one thread for numerical libraries and,
where `setarch -R` exists, without address randomisation: the same code gives the same count to a few hundred
instructions a run (`--repeat` runs the pairs again to show it).
Needs valgrind (Debian's package); a card is about a million instructions: each count takes some 20 seconds.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("card", "household", "evaluate", "build", "render")
REFS = re.compile(r"I\s+refs:\s+([\d,]+)")
THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def child(stage: str, warm: int, n: int, counted: int, day: date, language: str, seed: int) -> None:
    """The measured loop (run under valgrind): the inputs of `warm` + `n` households prepared alike whatever is
    counted, then `warm` + `counted` of them (`counted` is 0 or `n`) through `stage`."""
    sys.path.insert(0, str(HERE))
    from answers import answers_of
    from households import generate

    from dialogs.i18n import translator
    from dialogs.loader import BUILTIN_DIRS, load_flows
    from dialogs.present import render_blocks
    from dialogs.results import BUILDERS
    from dialogs.rights.answers import household
    from dialogs.rights.evaluate import evaluate

    cases = generate(warm + n, day, seed=seed)
    all_answers = [answers_of(case.household, day) for case in cases]
    flow = load_flows(BUILTIN_DIRS, BUILDERS)["rights_check"]
    build = BUILDERS[flow.result]
    t = translator(language)
    households = [household(answers) for answers in all_answers] if stage == "evaluate" else []
    blocks = [build(flow, answers, day).blocks for answers in all_answers] if stage == "render" else []
    for i in range(warm + counted):
        if stage == "household":
            household(all_answers[i])
        elif stage == "evaluate":
            evaluate(households[i], day)
        elif stage == "build":
            build(flow, all_answers[i], day)
        elif stage == "render":
            render_blocks(blocks[i], t)
        else:
            card = build(flow, all_answers[i], day)
            render_blocks(card.blocks, t)
            for offer in card.offers:
                t(offer.label)


def instructions(tree: Path, args: argparse.Namespace, n: int) -> int:
    """Instructions valgrind counts for one child process in `tree` over the warm households and `n` more."""
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        str(Path(__file__).resolve()),
        f"--child={n}",
        *_options(args),
    ]
    if shutil.which("setarch"):
        command = ["setarch", platform.machine(), "-R", *command]
    done = subprocess.run(command, cwd=tree, env=_env(tree), capture_output=True, text=True, check=False)
    found = REFS.search(done.stderr)
    if done.returncode != 0 or found is None:
        sys.exit(f"valgrind failed in {tree}:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def per_card(tree: Path, args: argparse.Namespace) -> float:
    """Instructions of one card: (warm + N households) minus (warm households alone), divided by N."""
    # Compile the modules once outside valgrind: a first run writing .pyc files would count their compilation.
    subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child=0", *_options(args)],
        cwd=tree,
        env=_env(tree),
        check=True,
    )
    n: int = args.n
    return (instructions(tree, args, n) - instructions(tree, args, 0)) / n


def _options(args: argparse.Namespace) -> list[str]:
    return [
        f"--n={args.n}",
        f"--warm={args.warm}",
        f"--stage={args.stage}",
        f"--language={args.language}",
        f"--date={args.date.isoformat()}",
        f"--seed={args.seed}",
    ]


def _env(tree: Path) -> dict[str, str]:
    """Fixed hashing, and one thread for the numerical libraries OpenFisca's helpers import: their idle threads spin
    a varying number of instructions."""
    return {**os.environ, **dict.fromkeys(THREADS, "1"), "PYTHONHASHSEED": "0", "PYTHONPATH": str(tree)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=400, help="households counted, after the warm ones")
    parser.add_argument("--warm", type=int, default=300, help="households run first, not counted")
    parser.add_argument("--language", default="fr", help="language the cards are rendered in")
    parser.add_argument("--date", type=date.fromisoformat, default=date(2025, 10, 15), help="day of the check")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stage", choices=STAGES, default="card", help="the part counted (default: the whole card)")
    parser.add_argument("--repeat", type=int, default=1, help="counts of each checkout (their median is printed)")
    parser.add_argument("--compare", type=Path, help="another checkout counted in the same run, turn about")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.stage, args.warm, args.n, args.child, args.date, args.language, args.seed)
        return
    if args.n < 1:
        parser.error("--n must be at least 1")
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    trees = [HERE.parent] + ([args.compare.resolve()] if args.compare else [])
    counts: dict[Path, list[float]] = {tree: [] for tree in trees}
    for _ in range(args.repeat):
        for tree in trees:
            counts[tree].append(per_card(tree, args))
            print(f"{tree}: {counts[tree][-1]:,.0f} instructions per {args.stage}", flush=True)
    what = f"{args.stage}, {args.language}, {args.date.isoformat()}, {args.n} households after {args.warm}"
    medians = {tree: statistics.median(found) for tree, found in counts.items()}
    print(f"this checkout: {medians[trees[0]]:,.0f} instructions per {what}")
    if args.compare:
        other = medians[trees[1]]
        print(f"{trees[1]}: {other:,.0f}; ratio this / other {medians[trees[0]] / other:.3f}")


if __name__ == "__main__":
    main()
