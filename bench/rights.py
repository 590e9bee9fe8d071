"""Benchmark of the rights evaluator, with OpenFisca-France measured in the same run for comparison.

Run `python bench/rights.py [--n 20000] [--openfisca-n 500] [--date 2025-10-15]`: the process is pinned
to one core, N generated households are evaluated one by one with `evaluate`, then a subset goes
through OpenFisca-France in one batched simulation (the way the tests use it).
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date

# Run as a script: this file's directory is on sys.path, so the shared generator is `households`.
from households import OpenFiscaOracle, generate

from dialogs.rights.evaluate import evaluate


def pin_to_one_core() -> int | None:
    """Pin the process to the first CPU it may use, so the figures do not depend on the scheduler."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    first = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {first})
    return first


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="households evaluated by our evaluator")
    parser.add_argument("--openfisca-n", type=int, default=500, help="households evaluated by OpenFisca")
    parser.add_argument("--date", type=date.fromisoformat, default=date(2025, 10, 15), help="day of the check")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    today: date = args.date

    cpu = pin_to_one_core()
    cases = generate(args.n, today, seed=args.seed)
    started = time.perf_counter()
    for case in cases:
        evaluate(case.household, today)
    ours = len(cases) / (time.perf_counter() - started)
    print(f"{ours:.0f} evaluations/s")

    oracle = OpenFiscaOracle()
    subset = cases[: args.openfisca_n]
    started = time.perf_counter()
    oracle.evaluate(subset, today)
    seconds = time.perf_counter() - started
    theirs = len(subset) / seconds
    print(
        f"OpenFisca-France: {theirs:.0f} evaluations/s ({len(subset)} households in one batched simulation, "
        f"{seconds:.2f} s)"
    )
    print(f"ratio ours / OpenFisca: {ours / theirs:.1f}")
    print(f"OpenFisca-France system build: {oracle.build_seconds:.2f} s")
    print(f"(one core: CPU {cpu}; day of the check {today.isoformat()}; {len(cases)} households)")


if __name__ == "__main__":
    main()
