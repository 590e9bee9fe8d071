"""Benchmark of what a person waits for — answers → household → evaluation → rendered card — against OpenFisca.

Run `python bench/rights.py [--n 20000] [--openfisca-single 30] [--openfisca-batch 500] [--date 2025-10-15]
[--language fr]`: the process is pinned to one core; N generated households are turned into the answers
the chat stores (`bench/answers.py`), then, one household at a time, each goes through
`dialogs.rights.answers.household`, `evaluate`, the `rights` result builder and the card's rendering in
the person's language (text and button labels). OpenFisca-France is built once (its build time is
printed and excluded), then evaluates households one at a time (a simulation per household, the way a
bot would use it) and in one batched simulation; the two ratios are printed with the targets
(≥ 20 000 cards/s, ≥ 1000 × OpenFisca one at a time).
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date

# Run as a script: this file's directory is on sys.path, so the shared helpers are `households`, `answers`.
from answers import answers_of
from households import OpenFiscaOracle, generate

from dialogs.i18n import translator
from dialogs.loader import BUILTIN_DIRS, load_flows
from dialogs.present import render_blocks
from dialogs.results import BUILDERS
from dialogs.rights.answers import household
from dialogs.rights.evaluate import evaluate
from dialogs.rights.outcome import Outcome

TARGET_CARDS = 20_000
TARGET_RATIO = 1000


def pin_to_one_core() -> int | None:
    """Pin the process to the first CPU it may use, so the figures do not depend on the scheduler."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    first = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {first})
    return first


def told(outcome: Outcome | None) -> tuple[object, ...] | None:
    """What the person is told about C2S: status, band and monthly participation (the reasons' wording aside: the
    chat's answers give years of birth where the generated household has ages)."""
    return None if outcome is None else (outcome.status, outcome.band, outcome.participation)


def cards_per_second(all_answers: list[dict[str, object]], today: date, language: str) -> float:
    """Cards a person would receive per second: build and render one card at a time, best of three runs."""
    flow = load_flows(BUILTIN_DIRS, BUILDERS)["rights_check"]
    build = BUILDERS[flow.result]
    t = translator(language)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for answers in all_answers:
            card = build(flow, answers, today)  # answers → household → evaluation → blocks
            render_blocks(card.blocks, t)
            for offer in card.offers:
                t(offer.label)
        best = min(best, time.perf_counter() - started)
    return len(all_answers) / best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="households turned into cards")
    parser.add_argument("--openfisca-single", type=int, default=30, help="households OpenFisca evaluates one by one")
    parser.add_argument("--openfisca-batch", type=int, default=500, help="households in OpenFisca's batched run")
    parser.add_argument("--date", type=date.fromisoformat, default=date(2025, 10, 15), help="day of the check")
    parser.add_argument("--language", default="fr", help="language the cards are rendered in")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    today: date = args.date

    cpu = pin_to_one_core()
    cases = generate(args.n, today, seed=args.seed)
    all_answers = [answers_of(case.household, today) for case in cases]
    agree = sum(
        told(evaluate(household(a), today).get("c2s")) == told(evaluate(c.household, today).get("c2s"))
        for a, c in zip(all_answers[:500], cases, strict=False)
    )
    ours = cards_per_second(all_answers, today, args.language)
    print(f"{ours:.0f} cards/s (answers → household → evaluation → rendered card, one at a time, {args.language})")

    if args.openfisca_single > 0 or args.openfisca_batch > 0:  # 0 and 0: our side alone (profiling)
        oracle = OpenFiscaOracle()
        oracle.evaluate(cases[:1], today)  # warm: the first simulation compiles formulas and loads parameters
        if args.openfisca_single > 0:
            single = cases[: args.openfisca_single]
            started = time.perf_counter()
            for case in single:
                oracle.evaluate([case], today)
            one_by_one = len(single) / (time.perf_counter() - started)
            print(
                f"OpenFisca-France one at a time: {one_by_one:.1f} households/s "
                f"({len(single)} simulations of one household)"
            )
            print(f"ratio ours / OpenFisca one at a time: {ours / one_by_one:.0f} (target ≥ {TARGET_RATIO})")
        if args.openfisca_batch > 0:
            batch = cases[: args.openfisca_batch]
            started = time.perf_counter()
            oracle.evaluate(batch, today)
            seconds = time.perf_counter() - started
            batched = len(batch) / seconds
            print(
                f"OpenFisca-France batched: {batched:.0f} households/s "
                f"({len(batch)} in one simulation, {seconds:.2f} s)"
            )
            print(f"ratio ours / OpenFisca batched: {ours / batched:.1f}")
        print(f"OpenFisca-France system build (excluded): {oracle.build_seconds:.2f} s")
    print(f"target ≥ {TARGET_CARDS} cards/s: {'met' if ours >= TARGET_CARDS else 'not met'}")
    print(
        f"(one core: CPU {cpu}; day of the check {today.isoformat()}; {len(cases)} households; "
        f"answers and households give the same C2S status, band and participation for {agree} of "
        f"{min(500, len(cases))})"
    )


if __name__ == "__main__":
    main()
