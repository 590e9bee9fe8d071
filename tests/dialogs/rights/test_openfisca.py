"""Cross-check of the C2S evaluator against OpenFisca-France 176.1.8, used as a test oracle.

OpenFisca-France is a dev dependency (`make test` installs it); it is never the engine. The households come
from `bench/households.py` (shared with `bench/rights.py`): singles and couples, 0-6 children of distinct ages
(households of 1 to 8 people; minors sometimes in shared custody), mainland France, Alsace-Moselle with and
without the local scheme and the overseas departments, every housing status including owners still repaying a
loan, maintenance paid, RSA and ASPA recipients, AAH and ASI per person (the applicant, the partner, both, AAH
for one and ASI for the other, a young adult on AAH), an adult out of work today on unemployment benefit after
months of salaries, resources spread around the ceilings with many near the free and the participation
ceilings. All of a period's households run in ONE batched OpenFisca simulation (about 0.5 s for 700; the
system itself takes about 3 s to build, once per module); the whole file runs in about 10 s.

What is compared, for every household: the C2S band (OpenFisca `cmu_c` → free; else
`css_participation_forfaitaire` > 0 → with participation; else none), the monthly participation of the
household, the resources compared with the ceilings, and the ceilings themselves.

Where OpenFisca is stale or silent, and which side is right:
- Its `plafond_base` stops at 10 166 € (2024) and is silently reused afterwards: the oracle patches it to
  our table's base for each period (ours is right: the 2025 base is 10 339 €).
- Its ceiling is round(base × coefficient) and the participation one that × 1.35 unrounded; the published
  tables are base × coefficient (× 1.35) rounded down (see test_rights_c2s): ours follows the published
  tables, so ceilings are compared within 1 € (free) and 2 € (participation) and households within 2 € of
  a ceiling are skipped and counted.
- It halves the coefficient of any child marked in shared custody; R861-3 halves it for minors only: the
  generator marks minors only, and test_rights_household checks the adult case on our side (ours is right).
- It counts dependants up to 25 included (`age <= age_limite_pac`), R861-2 under 25: no 25-year-old is
  generated; test_rights_household checks that a dependant of 25 or more is left out everywhere.
- It reads the Alsace-Moselle participation per person (`salarie_regime_alsace_moselle`), as we do from the
  local-scheme answers, not from the address: the generator sets it per adult (in a couple sometimes for one
  partner only) and for the children when an adult of the household has it, as `members` does.
- An owner repaying a loan is OpenFisca's `primo_accedant`, with no flat housing amount, like R861-5.
- Its AAH and ASI deductions are per person (instruction DSS/SD2A/2023/98), like ours.
- Its resource window is M-12..M-1: the generated resources are given month by month over exactly those
  12 months, so their total is what we call "the last 12 months".
- Every variable the C2S resources read is an explicit input (0 unless generated), else OpenFisca computes it
  from scratch (about 1 s per simulation, and values nobody asked for).
- R861-8's 30 % cut of the pay from work of someone out of work (`c2s_activity_income_cut`, flow version 6) is
  compared with OpenFisca's `abattement_chomage`: about 12 % of the households have one adult (the person or
  the partner, under 62, not on RSA) who earned salaries in the first 2 to 10 months of the window and has
  received unemployment benefit every month since, the month of the check included (`activite` chomeur,
  `chomage_net` > 0 in that month, as OpenFisca requires). OpenFisca gets their monthly `salaire_net` and
  `chomage_net`; our side gets the answers the chat would store (`activity_situation` ["unemployed"],
  `activity_cut_income` = that adult's salaries over the 12 months, the 12-month total still every resource):
  resources, ceilings, band and participation must agree, and the answers must give the same resources as the
  generated household. Only unemployment with benefit is generated, where both read R861-8 alike. Elsewhere
  they differ and ours follows R861-8: OpenFisca cuts salaries only (`salaire_net`), R861-8 and our question
  (« salaires ou revenus d'activité ») all pay from work, self-employment included; OpenFisca cuts for any
  sickness daily allowance, R861-8 and our choice only after more than six months of sick leave; the ASS and
  paid training without a job are in both but not generated (our chat asks the same question for them).
- Ages: our participation uses the age on 1 January, OpenFisca's the age on the first day of the month,
  computed from `date_naissance`: birthdays are chosen so both are the same (`households.birth_date`).
- Simplified attribution to ASI (from July 2024), ASPA and AAH recipients regardless of resources
  (LFSS 2024 art. 45) is not in OpenFisca 176.1.8: those households are compared on resources and ceilings
  only, which is why the first period is May 2024, before ASI recipients were added.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from bench.answers import answers_of
from bench.households import Case, OpenFiscaOracle, OracleRow, Person, birth_date, generate
from dialogs.rights.answers import household
from dialogs.rights.automatic import automatic
from dialogs.rights.ceilings import ceilings
from dialogs.rights.evaluate import evaluate
from dialogs.rights.household import Dependant, Household
from dialogs.rights.members import members
from dialogs.rights.outcome import Context
from dialogs.rights.resources import resources
from dialogs.rights.table import default_table

PERIODS = (date(2024, 5, 15), date(2025, 10, 15))
"""One day in each period of the table: base 10 166 € from 2024-04-01 and 10 339 € from 2025-04-01."""
PER_PERIOD = 700
MIN_COMPARED = 550
MARGIN = Decimal(2)
"""Households whose resources are within 2 € of a ceiling (ours or OpenFisca's) are skipped and counted."""
CENTS = Decimal("0.05")
"""OpenFisca computes in float32: sums of 12 monthly amounts agree to a few cents."""
KINDS = (
    "free",
    "participation",
    "none",
    "overseas",
    "alsace_moselle",
    "metropole",
    "local scheme",
    "couple",
    "shared custody",
    "5 to 8 people",
    "owner with a loan",
    "AAH for both partners",
    "AAH for one partner, ASI for the other",
    "ASI for one partner",
    "ASI for both partners",
    "Alsace-Moselle participation",
    "Alsace-Moselle participation, one partner only",
    "unemployed with benefit",
)

ASI_KINDS = ("ASI for one partner", "ASI for both partners", "AAH for one partner, ASI for the other")


@pytest.fixture(scope="module")
def oracle() -> OpenFiscaOracle:
    """OpenFisca-France built once for the module (about 3 s), its ceiling patched to our table."""
    return OpenFiscaOracle()


def _near(amount: Decimal, ours: Decimal, theirs: Decimal) -> bool:
    return min(ours, theirs) - MARGIN <= amount <= max(ours, theirs) + MARGIN


def _kinds(h: Household, ctx: Context) -> list[str]:
    """What makes a household interesting for this issue's defects."""
    found = [h.territory]
    if h.couple:
        found.append("couple")
    if any(m.half for m in members(h, ctx)):
        found.append("shared custody")
    if len(members(h, ctx)) >= 5:
        found.append("5 to 8 people")
    if h.local_scheme or (h.couple and h.partner_local):
        found.append("local scheme")
    if h.housing == "owner_loan":
        found.append("owner with a loan")
    if h.activity_cut_income:
        found.append("unemployed with benefit")
    if h.aah_month and h.partner_aah_month:
        found.append("AAH for both partners")
    if (h.aah_month and h.partner_asi_month) or (h.asi_month and h.partner_aah_month):
        found.append("AAH for one partner, ASI for the other")
    if h.asi_month and h.partner_asi_month:
        found.append("ASI for both partners")
    elif h.couple and (h.asi_month or h.partner_asi_month) and not (h.aah_month or h.partner_aah_month):
        found.append("ASI for one partner")
    return found


@pytest.mark.parametrize("today", PERIODS, ids=lambda d: d.isoformat())
def test_c2s_band_and_participation_match_openfisca(oracle: OpenFiscaOracle, today: date) -> None:
    cases = generate(PER_PERIOD, today, seed=today.year)
    started = time.perf_counter()
    rows = oracle.evaluate(cases, today)
    openfisca_seconds = time.perf_counter() - started

    counts: Counter[str] = Counter()
    problems: list[str] = []
    for n, (case, theirs) in enumerate(zip(cases, rows, strict=True)):
        h = case.household
        ctx = Context(today, default_table())
        ours = evaluate(h, today).get("c2s")
        assert ours is not None, "the generated households are all covered by PUMa"
        free, with_part = ceilings(h, ctx)
        total = resources(h, ctx).total
        where = f"#{n} {h} → ours"

        if abs(free - theirs.ceiling_free) > 1 or abs(with_part - theirs.ceiling_participation) > MARGIN:
            problems.append(f"{where} ceilings {free}/{with_part}, OpenFisca {theirs}")
        if abs(total - theirs.resources) > CENTS:
            problems.append(f"{where} resources {total}, OpenFisca {theirs}")
        kinds = _kinds(h, ctx)
        counts.update(f"resources: {kind}" for kind in kinds)
        if h.activity_cut_income and resources(household(answers_of(h, today)), ctx).total != total:
            problems.append(f"{where} resources {total}, from the chat's answers {answers_of(h, today)}")

        granted = automatic(h, ctx)
        if granted is not None and granted[0] != "rsa":
            counts["excluded: simplified attribution"] += 1
            continue
        if _near(total, free, theirs.ceiling_free) or _near(total, with_part, theirs.ceiling_participation):
            counts["skipped: within 2 € of a ceiling"] += 1
            continue
        counts[f"compared: {ours.band}"] += 1
        counts.update(f"compared: {kind}" for kind in kinds)
        if ours.band == "participation" and any(m.local for m in members(h, ctx)):
            counts["compared: Alsace-Moselle participation"] += 1
            if h.couple and h.local_scheme != h.partner_local:
                counts["compared: Alsace-Moselle participation, one partner only"] += 1
        if (ours.band, ours.participation) != (theirs.band, theirs.participation):
            problems.append(
                f"{where} {ours.band} {ours.participation} (resources {total}, ceilings {free}/"
                f"{with_part}), OpenFisca {theirs}"
            )

    compared = sum(counts[f"compared: {band}"] for band in ("free", "participation", "none"))
    print(f"\n{today}: {len(cases)} households, OpenFisca {openfisca_seconds:.2f} s, {dict(sorted(counts.items()))}")
    assert not problems, f"{len(problems)} disagreements with OpenFisca:\n" + "\n".join(problems[:20])
    assert compared >= MIN_COMPARED, counts
    for kind in KINDS:
        if kind in ASI_KINDS:  # ASI opens C2S without a resource check from July 2024: resources compared only
            assert counts[f"resources: {kind}"] >= 5, f"too few {kind}: {counts}"
        else:
            assert counts[f"compared: {kind}"] >= 10, f"too few {kind} households compared: {counts}"


def _case(today: date, h: Household, people: tuple[Person, ...]) -> Case:
    return Case(h, people, None)


def _salary(today: date, role: str, age: int, amount: int, **extra: Decimal) -> Person:
    monthly = tuple([Decimal(amount) / 12] * 12)
    return Person(role, age, birth_date(age, today), incomes=(("salaire_net", monthly),), **extra)  # type: ignore[arg-type]


def test_the_defects_of_issue_18_agree_with_openfisca(oracle: OpenFiscaOracle) -> None:
    """Hand-made households, one per defect, with the figures worked by hand in test_rights_household.

    May 2024 (base 10 166 €, before ASI opened C2S without a resource check):
    - owner repaying a loan, 9 000 €: no flat amount, 9 000 € ≤ 10 166 € → free (an owner without loan
      adds 12 × 635,71 × 12 % = 915,42 € → 9 915,42 €, still free);
    - couple both on AAH (930 € each, 22 320 €): 22 320 − 1 632 = 20 688 € > 20 586 € in 2024 → none, and
      both sides deduct twice;
    - AAH 1 000 € and ASI 800 € for the partner (21 600 €): 21 600 − 816 − 588 = 20 196 € → participation 42 €;
    - single parent 40, children 14 in shared custody and 8 (16 000 €): 10 166 × 1.55 = 15 757 € (OpenFisca
      rounds 15 757.3 to 15 757 too) → participation 14 + 8 + 8 = 30 €;
    - couple with 6 children of 16, 14, 12, 9, 6, 3 (36 000 €): 10 166 × 3.7 = 37 614 € → free.
    """
    today = PERIODS[0]
    cases = [
        _case(
            today,
            Household(age=40, resources=Decimal(9000), housing="owner_loan"),
            (_salary(today, "applicant", 40, 9000),),
        ),
        _case(
            today,
            Household(
                age=40,
                partner_age=45,
                resources=Decimal(22_320),
                aah_month=Decimal(930),
                partner_aah_month=Decimal(930),
            ),
            (
                Person("applicant", 40, birth_date(40, today), aah_month=Decimal(930)),
                Person("partner", 45, birth_date(45, today), aah_month=Decimal(930)),
            ),
        ),
        _case(
            today,
            Household(
                age=50,
                partner_age=55,
                resources=Decimal(21_600),
                aah_month=Decimal(1000),
                partner_asi_month=Decimal(800),
            ),
            (
                Person("applicant", 50, birth_date(50, today), aah_month=Decimal(1000)),
                Person("partner", 55, birth_date(55, today), asi_month=Decimal(800)),
            ),
        ),
        _case(
            today,
            Household(age=40, dependants=(Dependant(14, shared_custody=True), Dependant(8)), resources=Decimal(16_000)),
            (
                _salary(today, "applicant", 40, 16_000),
                Person("child", 14, birth_date(14, today), shared_custody=True),
                Person("child", 8, birth_date(8, today)),
            ),
        ),
        _case(
            today,
            Household(
                age=45,
                partner_age=43,
                dependants=tuple(Dependant(a) for a in (16, 14, 12, 9, 6, 3)),
                resources=Decimal(36_000),
            ),
            (
                _salary(today, "applicant", 45, 36_000),
                Person("partner", 43, birth_date(43, today)),
                *(Person("child", a, birth_date(a, today)) for a in (16, 14, 12, 9, 6, 3)),
            ),
        ),
    ]
    rows = oracle.evaluate(cases, today)
    expected = [
        ("free", None),
        ("none", None),
        ("participation", Decimal(42)),
        ("participation", Decimal(30)),
        ("free", None),
    ]
    for case, row, (band, amount) in zip(cases, rows, expected, strict=True):
        ours = evaluate(case.household, today).get("c2s")
        assert ours is not None
        assert (ours.band, ours.participation) == (band, amount) == (row.band, row.participation), (case.household, row)
        ctx = Context(today, default_table())
        assert abs(resources(case.household, ctx).total - row.resources) <= CENTS
    assert rows[3].ceiling_free == 15757 and rows[4].ceiling_free == 37614


def test_openfisca_ceiling_is_patched_and_participation_is_monthly(oracle: OpenFiscaOracle) -> None:
    """A single 40-year-old between the two ceilings: 14 € a month, against our 2024 and 2025 bases."""
    for today, free in ((date(2024, 10, 15), 10166), (date(2025, 10, 15), 10339)):
        monthly = tuple([Decimal(free + 1000) / 12] * 12)
        h = Household(age=40, resources=Decimal(free + 1000), housing="tenant")
        case = Case(h, (Person("applicant", 40, birth_date(40, today), incomes=(("salaire_net", monthly),)),))
        [row] = oracle.evaluate([case], today)
        assert row == OracleRow(
            "participation", Decimal(14), Decimal(free + 1000), Decimal(free), Decimal(free) * Decimal("1.35")
        )
