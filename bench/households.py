"""Varied households for the C2S cross-check with OpenFisca-France and for the evaluator benchmark.

`generate` draws households whose resources cluster around the C2S ceilings. Each `Case` keeps, next to the
evaluator's `Household`, the monthly detail OpenFisca needs: who receives what, in which month, born when.
About one household in eight has an adult who is out of work today with unemployment benefit after a few
months of salaries (R861-8's 30 % cut of those salaries; drawn from a second random stream, so the other
households are the same as without them). `OpenFiscaOracle` builds OpenFisca-France once, patches its C2S
ceiling to our rule table and evaluates many cases in ONE batched simulation (every household its own famille,
foyer fiscal and ménage), giving every resource variable C2S reads as an explicit input.

Used by `tests/dialogs/rights/test_openfisca.py` (imported as `bench.households`) and by
`bench/rights.py` (run as a script, which imports it as `households`).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, Literal

import numpy as np
from openfisca_core import periods
from openfisca_core.simulations import SimulationBuilder
from openfisca_france import CountryTaxBenefitSystem

from dialogs.rights.ceilings import ceilings
from dialogs.rights.household import ZERO, Dependant, Household, Housing, Territory
from dialogs.rights.outcome import Band, Context
from dialogs.rights.resources import resources
from dialogs.rights.table import RuleTable, default_table

Role = Literal["applicant", "partner", "child"]
CENT = Decimal("0.01")
MONTHS = 12
DEPARTMENTS = ("guadeloupe", "martinique", "guyane", "reunion")
"""Overseas departments with the +11.3 % ceilings (Mayotte has no C2S in OpenFisca: left out)."""
UNEMPLOYED_SHARE = 0.2
"""Households drawn for unemployment; with an adult under 62 earning salaries (not on RSA): about 12 % of them."""
KEPT_AFTER_CUT = Decimal("0.7")
"""1 − R861-8's 30 % cut: salaries are raised by 1 / 0.7 so the resources compared stay near the aimed ones."""
HOUSING_STATUS: dict[Housing, str] = {
    "tenant_benefit": "locataire_vide",
    "tenant": "locataire_vide",
    "owner_loan": "primo_accedant",
    "owner": "proprietaire",
    "free": "loge_gratuitement",
    "none": "sans_domicile",
}


@dataclass(frozen=True, slots=True)
class Person:
    """One member of a generated household, with the monthly amounts OpenFisca needs."""

    role: Role
    age: int
    """Age on 1 January of the year of the check, and at the start of the simulated month (see `birth_date`)."""
    born: date
    shared_custody: bool = False
    incomes: tuple[tuple[str, tuple[Decimal, ...]], ...] = ()
    """(OpenFisca variable, 12 monthly amounts from M-12 to M-1) for each resource received."""
    maintenance_paid: tuple[Decimal, ...] = ()
    aah_month: Decimal = ZERO
    asi_month: Decimal = ZERO
    local_scheme: bool = False
    """Affiliated to the Alsace-Moselle local scheme (OpenFisca `salarie_regime_alsace_moselle`)."""
    unemployed: bool = False
    """Out of work in the month of the check (OpenFisca `activite` chomeur), with `benefit_this_month`."""
    benefit_this_month: Decimal = ZERO
    """Unemployment benefit (`chomage_net`) received in the month of the check, outside the 12 months."""


@dataclass(frozen=True, slots=True)
class Case:
    """A generated household: the evaluator's input and the same situation for OpenFisca."""

    household: Household
    people: tuple[Person, ...]
    department: str | None = None
    """Overseas department (OpenFisca `residence_<department>`), None in mainland France."""
    aspa_month: Decimal = ZERO
    rsa_month: Decimal = ZERO
    """RSA paid in the simulated month: OpenFisca opens free C2S to RSA recipients; not a C2S resource."""
    target: Decimal = ZERO
    """The resources compared with the ceilings that the generator aimed at."""


def birth_date(age: int, today: date) -> date:
    """A birthday giving `age` both on 1 January of `today`'s year and on the first day of `today`'s month.

    Our participation uses the age on 1 January; OpenFisca's `age` is the age on the first day of the
    simulated month, computed with numpy's average year (365.2425 days), so birthdays are kept at least
    5 months away from both days: born on 1 January in a check from July on, on 1 July of the year
    before otherwise.
    """
    if today.month >= 7:
        return date(today.year - age, 1, 1)
    return date(today.year - age - 1, 7, 1)


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(str(round(rng.uniform(low, high), 2)))


def _spread(rng: random.Random, total: Decimal, gaps: bool, months: int = MONTHS) -> tuple[Decimal, ...]:
    """`total` split into `months` uneven monthly amounts (to the cent) that add up exactly."""
    cents = int((total / CENT).to_integral_value())
    weights = [0.0 if gaps and rng.random() < 0.2 else rng.uniform(0.5, 1.5) for _ in range(months)]
    if not any(weights):
        weights[-1] = 1.0
    scale = sum(weights)
    parts = [int(cents * w / scale) for w in weights]
    parts[max(range(months), key=lambda i: weights[i])] += cents - sum(parts)
    return tuple(Decimal(p) * CENT for p in parts)


def _adult_age(rng: random.Random) -> int:
    low, high = rng.choice(((18, 29), (30, 49), (50, 59), (60, 69), (70, 92)))
    return rng.randint(low, high)


def generate(n: int, today: date, seed: int = 0, table: RuleTable | None = None) -> list[Case]:
    """`n` varied households checked on `today`, about 70 % of them with resources near a C2S ceiling."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    jobless = random.Random(f"{seed}-unemployment")  # noqa: S311 - a second stream: the rest stays as it was
    ctx = Context(today, table or default_table())
    return [_unemployment(jobless, _case(rng, today, ctx)) for _ in range(n)]


def _unemployment(rng: random.Random, case: Case) -> Case:
    """`case`, or, for some households, the same with one adult out of work today on unemployment benefit.

    That adult's salaries of the 12 months become salaries over the first 2 to 10 months, then unemployment
    benefit every month after and in the month of the check. What counted fully (salaries S) now counts
    0.7 × S' + benefit with S' = share × S / 0.7, benefit = (1 − share) × S: the resources compared with the
    ceilings stay those aimed at (to the cent), while the declared total grows by the part R861-8 leaves out.
    """
    drawn, who, share, months = rng.random(), rng.random(), rng.uniform(0.3, 0.9), rng.randint(2, 10)
    h = case.household
    adults = [p for p in case.people if p.role != "child"]
    person = adults[1] if len(adults) == 2 and who < 0.5 else adults[0]
    salaries = dict(person.incomes).get("salaire_net")
    if drawn >= UNEMPLOYED_SHARE or "rsa" in h.benefits or not salaries or not sum(salaries):
        return case
    total = sum(salaries, ZERO)
    worked = (total * Decimal(str(round(share, 2))) / KEPT_AFTER_CUT).quantize(CENT)
    benefit = total - (worked * KEPT_AFTER_CUT).quantize(CENT)
    pay = _spread(rng, worked, False, months) + (ZERO,) * (MONTHS - months)
    paid = (ZERO,) * months + _spread(rng, benefit, False, MONTHS - months)
    this_month = _money(rng, 300, 1800)
    incomes = tuple((v, m) for v, m in person.incomes if v != "salaire_net")
    out_of_work = replace(
        person,
        incomes=(*incomes, ("salaire_net", pay), ("chomage_net", paid)),
        unemployed=True,
        benefit_this_month=this_month,
    )
    people = tuple(out_of_work if p is person else p for p in case.people)
    household = replace(h, resources=h.resources - total + worked + benefit, activity_cut_income=worked)
    return replace(case, household=household, people=people)


def _case(rng: random.Random, today: date, ctx: Context) -> Case:
    age = _adult_age(rng)
    partner_age = min(max(age + rng.randint(-10, 10), 18), 95) if rng.random() < 0.5 else None
    oldest_child = min(24, age - 16, (partner_age or 99) - 16)
    wanted = rng.choices((0, 1, 2, 3, 4, 5, 6), (26, 18, 18, 14, 10, 8, 6))[0]  # up to 8 people with a couple
    count = min(wanted, max(oldest_child + 1, 0))
    child_ages = rng.sample(range(oldest_child + 1), count) if count else []
    # R861-3 halves minors in shared custody; OpenFisca halves any child marked so: only minors are generated.
    children = [(a, a < 18 and rng.random() < 0.25) for a in child_ages]
    territory: Territory = rng.choices(("metropole", "alsace_moselle", "overseas"), (60, 20, 20))[0]
    # The chat asks who belongs to the local scheme after "In Alsace-Moselle, or one of us works there": each
    # adult on their own (a couple may be split); dependants follow an affiliated adult (see `members`).
    local_scheme = territory == "alsace_moselle" and rng.random() < 0.7
    partner_local = territory == "alsace_moselle" and rng.random() < 0.5
    department = rng.choice(DEPARTMENTS) if territory == "overseas" else None
    housing: Housing = rng.choices(
        ("tenant_benefit", "tenant", "owner_loan", "owner", "free", "none"), (33, 18, 12, 15, 13, 9)
    )[0]
    housing_benefit = _money(rng, 15, 450) if housing == "tenant_benefit" else ZERO
    couple = partner_age is not None

    benefit = rng.choices(("none", "rsa", "aah", "asi", "aspa"), (64, 5, 12, 11, 8 if age >= 65 else 0))[0]
    aah, partner_aah, asi, partner_asi = _per_person(rng, benefit, couple)
    young_aah = ZERO
    young = next((i for i, (a, _) in enumerate(children) if a >= 20), None)
    if young is not None and rng.random() < 0.15:
        young_aah = _money(rng, 80, 1016.05)
    aspa = _money(rng, 60, 1600 if couple else 1000) if benefit == "aspa" else ZERO
    rsa = _money(rng, 150, 1200) if benefit == "rsa" else ZERO
    benefits = {benefit} - {"none"}
    benefits |= {"aah"} if aah or partner_aah or young_aah else set()
    benefits |= {"asi"} if asi or partner_asi else set()
    if housing == "tenant_benefit":
        benefits.add("housing")

    base = Household(
        age=age,
        partner_age=partner_age,
        dependants=tuple(
            Dependant(a, shared, young_aah if i == young else ZERO) for i, (a, shared) in enumerate(children)
        ),
        territory=territory,
        local_scheme=local_scheme,
        partner_local_scheme=partner_local if couple else None,
        benefits=frozenset(benefits),
        aspa_no_activity=benefit == "aspa" and rng.random() < 0.5,
        aspa_partner_no_activity=rng.random() < 0.7 if benefit == "aspa" and couple else None,
        aah_full_rate=bool(aah) and rng.random() < 0.5,
        aah_month=aah,
        partner_aah_month=partner_aah,
        asi_month=asi,
        partner_asi_month=partner_asi,
        aspa_month=aspa,
        housing=housing,
        housing_benefit_month=housing_benefit,
    )
    free, with_part = ceilings(base, ctx)
    fixed = resources(base, ctx)  # housing flat amount and benefit deduction do not depend on the amounts
    draw = rng.random()
    if benefit == "rsa":
        target = _money(rng, 0, float(free))
    elif draw < 0.7:
        centre = free if draw < 0.35 else with_part
        spread = 60 if rng.random() < 0.5 else 1500
        target = max(centre + _money(rng, -spread, spread), ZERO)
    else:
        target = _money(rng, 0, float(with_part) * 1.5)

    maintenance = _money(rng, 30, 450) * MONTHS if rng.random() < 0.15 else ZERO
    benefit_income = (aah + partner_aah + young_aah + asi + partner_asi + aspa) * MONTHS
    # Declared resources giving `target` once the deductions are made and the housing flat amount added.
    # Maintenance paid never exceeds them: we floor the difference at 0 before adding the flat amount,
    # OpenFisca does not (the band is the same, the resources compared would not be).
    net = max(target - fixed.housing, ZERO) + fixed.deduction - benefit_income
    if net < 0:
        maintenance = ZERO
    other = max(net, ZERO) + maintenance

    # Who receives the other income: the applicant, the partner, sometimes a child of 16 or more.
    share = Decimal(str(round(rng.uniform(0.2, 1), 2))) if couple else Decimal(1)
    working_child = next((i for i, (a, _) in enumerate(children) if a >= 16), None)
    child_income = ZERO
    if working_child is not None and other > 0 and rng.random() < 0.3:
        child_income = min(other, _money(rng, 500, 6000))
    adult_income = other - child_income

    applicant_amount = (adult_income * share).quantize(CENT)
    partner_amount = adult_income - applicant_amount

    def incomes(amount: Decimal, person_age: int, alone_parent: bool) -> tuple[tuple[str, tuple[Decimal, ...]], ...]:
        if amount <= 0:
            return ()
        kind = "retraite_nette" if person_age >= 62 else "salaire_net"
        if alone_parent and rng.random() < 0.3:  # part of it as maintenance received
            received = min(amount, _money(rng, 600, 3000))
            return (
                ("pensions_alimentaires_percues", _spread(rng, received, False)),
                (kind, _spread(rng, amount - received, True)),
            )
        return ((kind, _spread(rng, amount, person_age < 62)),)

    people = [
        Person(
            "applicant",
            age,
            birth_date(age, today),
            incomes=incomes(applicant_amount, age, not couple and bool(children)),
            maintenance_paid=_spread(rng, maintenance, False) if maintenance else (),
            aah_month=aah,
            asi_month=asi,
            local_scheme=local_scheme,
        )
    ]
    if partner_age is not None:
        people.append(
            Person(
                "partner",
                partner_age,
                birth_date(partner_age, today),
                incomes=incomes(partner_amount, partner_age, False),
                aah_month=partner_aah,
                asi_month=partner_asi,
                local_scheme=partner_local,
            )
        )
    for i, (child_age, shared) in enumerate(children):
        child_incomes: tuple[tuple[str, tuple[Decimal, ...]], ...] = ()
        if i == working_child and child_income > 0:
            child_incomes = (("salaire_net", _spread(rng, child_income, True)),)
        people.append(
            Person(
                "child",
                child_age,
                birth_date(child_age, today),
                shared,
                incomes=child_incomes,
                aah_month=young_aah if i == young else ZERO,
                local_scheme=local_scheme or (couple and partner_local),
            )
        )

    declared = sum((sum(m) for p in people for _, m in p.incomes), ZERO) + benefit_income
    household = replace(base, resources=declared, maintenance_paid=maintenance)
    return Case(household, tuple(people), department, aspa, rsa, target)


def _per_person(rng: random.Random, benefit: str, couple: bool) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """AAH and ASI of the applicant and the partner: one of them, both, or AAH for one and ASI for the other."""
    aah = partner_aah = asi = partner_asi = ZERO
    who = rng.choices(("applicant", "partner", "both", "mixed"), (2, 2, 3, 2))[0] if couple else "applicant"
    if benefit == "aah":
        aah = _money(rng, 80, 1016.05) if who in ("applicant", "both", "mixed") else ZERO
        partner_aah = _money(rng, 80, 1016.05) if who in ("partner", "both") else ZERO
        partner_asi = _money(rng, 100, 900) if who == "mixed" else ZERO
    elif benefit == "asi":
        asi = _money(rng, 100, 900) if who in ("applicant", "both", "mixed") else ZERO
        partner_asi = _money(rng, 100, 900) if who in ("partner", "both") else ZERO
        partner_aah = _money(rng, 80, 1016.05) if who == "mixed" else ZERO
    return aah, partner_aah, asi, partner_asi


# ---------------------------------------------------------------------------------------------------------------
# OpenFisca-France

INDIVIDUAL_RESOURCES = (
    # Every individual variable css_cmu_base_ressources_individu and its abattement_chomage read: given
    # explicitly (0 unless generated), else OpenFisca computes them from scratch (slow, and surprising).
    "aah",
    "allocation_securisation_professionnelle",
    "ass",
    "asi",
    "bourse_enseignement_sup",
    "bourse_recherche",
    "caah",
    "chomage_net",
    "dedommagement_victime_amiante",
    "gains_exceptionnels",
    "indemnites_chomage_partiel",
    "indemnites_compensatrices_conges_payes",
    "indemnites_journalieres",
    "indemnites_journalieres_maladie",
    "indemnites_stage",
    "pensions_alimentaires_percues",
    "pensions_alimentaires_versees_individu",
    "pensions_invalidite",
    "prestation_compensatoire",
    "prime_forfaitaire_mensuelle_reprise_activite",
    "rente_accident_travail",
    "retraite_combattant",
    "retraite_nette",
    "revenus_stage_formation_pro",
    "rpns_auto_entrepreneur_benefice",
    "rsa_base_ressources_patrimoine_individu",
    "salaire_net",
)
FAMILY_RESOURCES = ("af", "aide_logement", "asf", "aspa", "cf", "paje_clca", "paje_prepare", "rsa")
YEARLY_RESOURCES = ("rpns_autres_revenus", "rpns_benefice_exploitant_agricole", "rpns_micro_entreprise_benefice")
RESIDENCES = ("guadeloupe", "martinique", "guyane", "reunion", "mayotte")
ROLES: dict[str, dict[Role, str]] = {
    "famille": {"applicant": "demandeur", "partner": "conjoint", "child": "enfant"},
    "foyer_fiscal": {"applicant": "declarant_principal", "partner": "conjoint", "child": "personne_a_charge"},
    "menage": {"applicant": "personne_de_reference", "partner": "conjoint", "child": "enfant"},
}
CEILING_SERIES = "c2s_ceiling_base"


@dataclass(frozen=True, slots=True)
class OracleRow:
    """OpenFisca's C2S answer for one household."""

    band: Band
    participation: Decimal | None
    """`css_participation_forfaitaire`: the household's MONTHLY participation (sum of monthly amounts per person)."""
    resources: Decimal
    ceiling_free: Decimal
    ceiling_participation: Decimal


@dataclass(slots=True)
class OpenFiscaOracle:
    """OpenFisca-France built once (about 3 s), its C2S ceiling patched to the rule table."""

    table: RuleTable = field(default_factory=default_table)
    system: Any = None
    build_seconds: float = 0.0
    patched: list[tuple[str, Decimal]] = field(default_factory=list)

    def __post_init__(self) -> None:
        started = time.perf_counter()
        self.system = CountryTaxBenefitSystem()
        self.build_seconds = time.perf_counter() - started
        self._patch_ceiling()

    def _patch_ceiling(self) -> None:
        """OpenFisca's `plafond_base` stops at 10 166 € (2024) and is silently reused later: set ours per period.

        Each value applies from its date on until the next one (like `update(period="month:2025-04:12")`,
        but the last known value also stays after its 12 months, as in our table when a revaluation is missing).
        """
        cmu = self.system.parameters.prestations_sociales.solidarite_insertion.minima_sociaux.cs.cmu
        for period in self.table.series[CEILING_SERIES].periods:  # in date order: each update ends the previous
            if isinstance(period.value, Decimal):
                cmu.plafond_base.update(start=periods.instant(period.since.isoformat()), value=float(period.value))
                self.patched.append((period.since.isoformat(), period.value))

    def evaluate(self, cases: Sequence[Case], today: date) -> list[OracleRow]:
        """OpenFisca's C2S band, participation, resources and ceilings for every case, in one simulation."""
        simulation = self._simulation(cases, today)
        month = periods.period(f"{today:%Y-%m}")
        cmu_c = simulation.calculate("cmu_c", month)
        participation = simulation.calculate("css_participation_forfaitaire", month)
        base = simulation.calculate("css_cmu_base_ressources", month)
        free = simulation.calculate("cmu_c_plafond", month)
        with_part = simulation.calculate("acs_plafond", month)
        rows = []
        for i in range(len(cases)):
            band: Band = "free" if cmu_c[i] else "participation" if participation[i] > 0 else "none"
            amount = _decimal(participation[i]) if band == "participation" else None
            rows.append(OracleRow(band, amount, _decimal(base[i]), _decimal(free[i]), _decimal(with_part[i])))
        return rows

    def _simulation(self, cases: Sequence[Case], today: date) -> Any:
        people = [(n, p) for n, case in enumerate(cases) for p in case.people]
        groups = [f"h{n:07d}" for n in range(len(cases))]
        builder = SimulationBuilder()
        builder.create_entities(self.system)
        builder.declare_person_entity("individu", [f"p{i:08d}" for i in range(len(people))])
        for entity, roles in ROLES.items():
            population = builder.declare_entity(entity, groups)
            builder.join_with_persons(population, [groups[n] for n, _ in people], [roles[p.role] for _, p in people])
        simulation = builder.build(self.system)

        month = periods.period(f"{today:%Y-%m}")
        window = list(periods.period(f"month:{month.offset(-MONTHS).start}:12").get_subperiods(periods.MONTH))
        months = [*window, month]
        count = len(people)

        def individual(values: Iterable[Any], dtype: Any = float) -> Any:
            return np.array(list(values), dtype=dtype)

        # Resources of the 12 months M-12..M-1 (OpenFisca's window) and of M itself, all explicit.
        for name in INDIVIDUAL_RESOURCES:
            amounts = np.zeros((len(months), count))
            for j, (_, person) in enumerate(people):
                for variable, monthly in person.incomes:
                    if variable == name:
                        amounts[:MONTHS, j] += [float(m) for m in monthly]
                if name == "pensions_alimentaires_versees_individu" and person.maintenance_paid:
                    amounts[:MONTHS, j] -= [float(m) for m in person.maintenance_paid]  # negative in OpenFisca
                if name == "aah":
                    amounts[:, j] = float(person.aah_month)
                if name == "asi":
                    amounts[:, j] = float(person.asi_month)
                if name == "chomage_net":
                    amounts[MONTHS, j] = float(person.benefit_this_month)
            for k, period in enumerate(months):
                simulation.set_input(name, period, amounts[k])
        for name in FAMILY_RESOURCES:
            for period in months:
                values = [0.0] * len(cases)
                if name == "aspa":
                    values = [float(c.aspa_month) for c in cases]
                elif name == "rsa" and period == month:
                    values = [float(c.rsa_month) for c in cases]
                elif name == "aide_logement" and period == month:
                    values = [float(c.household.housing_benefit_month) for c in cases]
                simulation.set_input(name, period, np.array(values))
        for name in YEARLY_RESOURCES:
            for year in {month.last_year, month.this_year}:
                simulation.set_input(name, year, np.zeros(count))

        simulation.set_input(
            "date_naissance",
            periods.period("eternity"),
            individual((p.born.isoformat() for _, p in people), "datetime64[D]"),
        )
        children = individual((p.role == "child" for _, p in people), bool)
        simulation.set_input("enfant_a_charge", month.this_year, children)
        simulation.set_input("boursier", month, np.zeros(count, dtype=bool))
        simulation.set_input("garde_alternee", month, individual((p.shared_custody for _, p in people), bool))
        # R861-8 as OpenFisca's `abattement_chomage`: out of work in the month of the check, with benefit then.
        activity = ["chomeur" if p.unemployed else "inactif" for _, p in people]
        simulation.set_input("activite", month, np.array(activity))
        local = [p.local_scheme for _, p in people]
        simulation.set_input("salarie_regime_alsace_moselle", month, individual(local, bool))
        status = [HOUSING_STATUS[c.household.housing] for c in cases]
        simulation.set_input("statut_occupation_logement", month, np.array(status))
        for place in RESIDENCES:
            simulation.set_input(f"residence_{place}", month, np.array([c.department == place for c in cases]))
        return simulation


def _decimal(value: Any) -> Decimal:
    """An OpenFisca float32 result as euros and cents."""
    return Decimal(str(round(float(value), 2)))
