"""Cross-check of the C2S evaluator against OpenFisca-France 176.1.8, used as a test oracle.

OpenFisca-France is a dev dependency (`make test` installs it); it is never the engine. The households
come from `bench/households.py` (shared with `bench/rights.py`): singles and couples, 0-5 children of
distinct ages (some in shared custody), mainland France, Alsace-Moselle and the overseas departments,
every housing status, maintenance paid, AAH/ASI/ASPA/RSA recipients, resources spread around the
ceilings with many near the free and the participation ceilings. All of a period's households run in
ONE batched OpenFisca simulation (about 0.4 s for 600; the system itself takes about 3 s to build,
once per module); the whole file runs in about 5 s.

What is compared, for every household: the C2S band (OpenFisca `cmu_c` → free; else
`css_participation_forfaitaire` > 0 → with participation; else none), the monthly participation of the
household, the resources compared with the ceilings, and the ceilings themselves.

Traps handled (see ../shared/domain/rights-rules.md, "OpenFisca-France as a test oracle"):
- OpenFisca's `plafond_base` stops at 10 166 € (2024) and is silently reused afterwards: the oracle
  patches it to our table's value for each period.
- OpenFisca's resource window is M-12..M-1: the generated resources are given month by month over
  exactly those 12 months, so their total is what we call "the last 12 months".
- Every variable the C2S resources read is an explicit input (0 unless generated), else OpenFisca
  computes it from scratch (about 1 s per simulation, and values nobody asked for).
- Limitation: no unemployment benefit, ASS, sickness daily allowance or training income is generated:
  any of them triggers OpenFisca's `abattement_chomage` (a cut of the salaries), which our evaluator
  does not model (the bot asks for the 12-month total, already net of such situations).
- Ages: our participation uses the age on 1 January, OpenFisca's the age on the first day of the month,
  computed from `date_naissance`: birthdays are chosen so both are the same (`households.birth_date`).
- Both rank children eldest first for the ceiling: children have distinct ages.
- Dependants are under 25 (R861-2); OpenFisca counts them up to 25 included (`age <= age_limite_pac`),
  so no 25-year-old is generated.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from bench.households import Case, OpenFiscaOracle, OracleRow, Person, birth_date, generate
from dialogs.rights.c2s import automatic, ceilings, resources
from dialogs.rights.evaluate import evaluate
from dialogs.rights.household import Household
from dialogs.rights.outcome import Context
from dialogs.rights.table import default_table

PERIODS = (date(2024, 10, 15), date(2025, 10, 15))
"""One day in each period of the table: ceilings from 2024-04-01 and from 2025-04-01."""
PER_PERIOD = 600
MIN_COMPARED = 500
MARGIN = Decimal(2)
"""The published table and OpenFisca's computation round differently (±1 € per published value):
households whose resources are within 2 € of a ceiling (ours or OpenFisca's) are skipped and counted."""
CENTS = Decimal("0.05")
"""OpenFisca computes in float32: sums of 12 monthly amounts agree to a few cents."""


@pytest.fixture(scope="module")
def oracle() -> OpenFiscaOracle:
    """OpenFisca-France built once for the module (about 3 s), its ceiling patched to our table."""
    return OpenFiscaOracle()


def _near(amount: Decimal, ours: Decimal, theirs: Decimal) -> bool:
    return min(ours, theirs) - MARGIN <= amount <= max(ours, theirs) + MARGIN


def _single(today: date, age: int, salary_year: Decimal) -> Case:
    monthly = tuple([salary_year / 12] * 12)
    household = Household(age=age, resources=salary_year, housing="tenant")
    return Case(household, (Person("applicant", age, birth_date(age, today), incomes=(("salaire_net", monthly),)),))


@pytest.mark.parametrize("today", PERIODS, ids=lambda d: d.isoformat())
def test_c2s_band_and_participation_match_openfisca(oracle: OpenFiscaOracle, today: date) -> None:
    cases = generate(PER_PERIOD, today, seed=today.year)
    started = time.perf_counter()
    rows = oracle.evaluate(cases, today)
    openfisca_seconds = time.perf_counter() - started
    ctx = Context(today, default_table())

    counts: Counter[str] = Counter()
    problems: list[str] = []
    for n, (case, theirs) in enumerate(zip(cases, rows, strict=True)):
        h = case.household
        ours = evaluate(h, today).get("c2s")
        assert ours is not None, "the generated households are all covered by PUMa"
        free, with_part = ceilings(h, ctx)
        total = resources(h, ctx).total
        where = f"#{n} {h} → ours"

        # The ceilings: our published 1-4 person values plus the published amount per extra person, against
        # OpenFisca's base × coefficient rounded once. Each published value is rounded to the euro.
        tolerance = Decimal(h.size)
        if abs(free - theirs.ceiling_free) > tolerance or abs(with_part - theirs.ceiling_participation) > tolerance:
            problems.append(f"{where} ceilings {free}/{with_part}, OpenFisca {theirs}")
        if abs(total - theirs.resources) > CENTS:
            problems.append(f"{where} resources {total}, OpenFisca {theirs}")

        # Simplified attribution to ASI, ASPA (no activity) and AAH (full rate, alone) recipients regardless
        # of resources (rights-rules.md, "Automatic or simplified attribution"; LFSS 2024 art. 45) is not in
        # OpenFisca 176.1.8: those households are compared on resources and ceilings only. RSA recipients
        # (free C2S in both) are compared.
        granted = automatic(h, ctx)
        if granted is not None and granted[0] != "rsa":
            counts["excluded: simplified attribution"] += 1
            continue
        if _near(total, free, theirs.ceiling_free) or _near(total, with_part, theirs.ceiling_participation):
            counts["skipped: within 2 € of a ceiling"] += 1
            continue
        counts[f"compared: {ours.band}"] += 1
        counts[f"compared: {h.territory}"] += 1
        if h.couple:
            counts["compared: couple"] += 1
        if any(d.shared_custody for d in h.dependants):
            counts["compared: shared custody"] += 1
        if ours.band == "participation" and h.territory == "alsace_moselle":
            counts["compared: Alsace-Moselle participation"] += 1
        if (ours.band, ours.participation) != (theirs.band, theirs.participation):
            problems.append(
                f"{where} {ours.band} {ours.participation} (resources {total}, ceilings {free}/"
                f"{with_part}), OpenFisca {theirs}"
            )

    compared = sum(counts[f"compared: {band}"] for band in ("free", "participation", "none"))
    print(f"\n{today}: {len(cases)} households, OpenFisca {openfisca_seconds:.2f} s, {dict(sorted(counts.items()))}")
    assert not problems, f"{len(problems)} disagreements with OpenFisca:\n" + "\n".join(problems[:20])
    assert compared >= MIN_COMPARED, counts
    for kind in (
        "free",
        "participation",
        "none",
        "overseas",
        "alsace_moselle",
        "metropole",
        "couple",
        "shared custody",
        "Alsace-Moselle participation",
    ):
        assert counts[f"compared: {kind}"] >= 10, f"too few {kind} households compared: {counts}"


def test_openfisca_ceiling_is_patched_and_participation_is_monthly(oracle: OpenFiscaOracle) -> None:
    """A single 40-year-old between the two ceilings: 14 € a month, against our 2024 and 2025 ceilings."""
    for today, free in ((date(2024, 10, 15), 10166), (date(2025, 10, 15), 10339)):
        [row] = oracle.evaluate([_single(today, 40, Decimal(free + 1000))], today)
        assert row == OracleRow(
            "participation", Decimal(14), Decimal(free + 1000), Decimal(free), Decimal(free) * Decimal("1.35")
        )
