"""The monthly C2S participation: one amount per member by age on 1 January, lower in the local scheme.

CSS L861-1 2° and L861-11: C2S with participation costs each member a monthly amount set by their age on
1 January of the year of the decision (8 € up to 29, 14 € 30–49, 21 € 50–59, 25 € 60–69, 30 € from 70).
"Par dérogation, pour les assurés relevant du régime local d'Alsace-Moselle", lower amounts apply: to each
member who belongs to the local scheme (CSS L325-1: by their job or pension there, or attached to such an
insured), wherever they live; the other members of the same household pay the general amounts.

A minor in shared custody counts for half of their rank's share of the ceiling (R861-3), but no source gathered for
this project says whether their participation is reduced too: the share of it counted is the rule
`c2s_participation_shared_custody`, the whole amount, marked to confirm; the card tells the person to confirm that
child's participation with their caisse, and the staff-only block lists the value.

CSS R861-16: the caisse decides within two months of a complete request (`c2s_decision_months`). A request
made on the day of the check may thus be decided next year when that day is less than two months before
1 January — from 1 November on —, and the decision then counts everyone's age on the new 1 January and the
amounts in force that day. When that changes the household's amount, the card gives both, and says why.

The chat asks the year of birth only, and counts the age on 1 January as the year of the check minus the year of
birth minus one. Someone born on 1 January itself — the date many people whose day of birth was never recorded
carry — is a year older that day: when that puts the person or the partner in the next band, the card says what
the participation would then be, for each year the decision may fall in, rather than one amount as certain.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from dialogs.rights.household import ZERO, Household
from dialogs.rights.members import Member, members
from dialogs.rights.outcome import Context, add_months
from dialogs.rights.table import Value, parsed
from dialogs.text import Figures, Money, Msg, msg, plural

GENERAL, LOCAL = "c2s_participation", "c2s_participation_alsace_moselle"
DELAY = "c2s_decision_months"
CUSTODY = "c2s_participation_shared_custody"
ONE = Decimal(1)


class NextYear(NamedTuple):
    """The household's participation for a decision taken next year, and why it differs."""

    year: int
    amount: Decimal
    new_amounts: bool
    """The amounts in force on the new 1 January are not today's."""
    older: int
    """How many members pay another amount next year (a new age band, or new amounts)."""


def participation(h: Household, ctx: Context) -> Decimal:
    """Monthly participation of the household for a decision this year: one amount per member by age and scheme."""
    return sum((_amount(p.age, ctx.mapping(_scheme(p))) * _share(p, ctx) for p in members(h, ctx)), ZERO)


def next_year(h: Household, ctx: Context, amount: Decimal) -> NextYear | None:
    """The participation if the decision falls next year, when a request made today may be and it is not `amount`.

    On the new 1 January everyone is a year older (dependants, all under 25, stay in the youngest band) and the
    amounts are those in force that day.
    """
    new_year = date(ctx.today.year + 1, 1, 1)
    if add_months(ctx.today, int(ctx.number(DELAY))) < new_year:
        return None
    people = members(h, ctx)
    now = {name: ctx.mapping(name) for name in {_scheme(p) for p in people}}
    then = {name: ctx.table(name, new_year).value for name in now}
    pairs = [
        (_amount(p.age, now[_scheme(p)]) * _share(p, ctx), _amount(p.age + 1, then[_scheme(p)]) * _share(p, ctx))
        for p in people
    ]
    later = sum((b for _, b in pairs), ZERO)
    if later == amount:
        return None
    changed = sum(1 for a, b in pairs if a != b)
    return NextYear(new_year.year, later, any(then[name] != now[name] for name in now), changed)


def _scheme(p: Member) -> str:
    return LOCAL if p.local else GENERAL


def _share(p: Member, ctx: Context) -> Decimal:
    """The share of their amount a member pays: all of it, or for a minor in shared custody the rule's share."""
    return ctx.number(CUSTODY) if p.half else ONE


def _amount(age: int, bands: Value) -> Decimal:
    """The amount of the band `age` falls in."""
    assert isinstance(bands, dict), bands
    by_age = parsed(bands, _by_age)
    return by_age[min(max(age, 0), len(by_age) - 1)]


def _by_age(bands: dict[str, Decimal | str]) -> tuple[Decimal, ...]:
    """The amount at each age from 0 to the first age past the bands (that age and over: the last one)."""
    limits = sorted((int(k), Decimal(v)) for k, v in bands.items() if k != "max")
    oldest = Decimal(bands["max"])
    past = limits[-1][0] + 1 if limits else 0
    return tuple(next((v for limit, v in limits if age <= limit), oldest) for age in range(past + 1))


def participation_lines(h: Household, ctx: Context, amount: Decimal, later: NextYear | None) -> tuple[Msg, ...]:
    """ "Estimated participation: 30 € a month for the 3 people of the household", the next year's amount when a
    decision in January would change it (and why), and who pays the local rate."""
    people = members(h, ctx)
    if later is None and len(people) == 1:
        lines: list[Msg] = [
            msg("Participation estimée : {amount} par mois (selon votre âge).", "rights", amount=Money(amount))
        ]
    elif later is None:
        line = plural(
            "Participation estimée : {amount} par mois pour {n} personne (selon l'âge de chacun).",
            "Participation estimée : {amount} par mois pour les {n} personnes du foyer (selon l'âge de chacun).",
            len(people),
            "rights",
            amount=Money(amount),
        )
        lines = [line]
    else:
        lines = [_two_years(len(people), amount, later, ctx), _why(later, int(ctx.number(DELAY)), len(people))]
    lines.extend(_first_january(h, ctx, amount, later))
    custody = _custody_line(people, ctx)
    if custody is not None:
        lines.append(custody)
    local = _local_line(sum(1 for p in people if p.local), len(people))
    return (*lines, local) if local is not None else tuple(lines)


def _custody_line(people: tuple[Member, ...], ctx: Context) -> Msg | None:
    """ "The participation counted for the child in shared custody is to be confirmed with your caisse", while the
    rule `c2s_participation_shared_custody` is unconfirmed (a plain sentence: the amount does not decide the right)."""
    halves = sum(1 for p in people if p.half)
    if not halves:
        return None
    ctx.value(CUSTODY)
    if ctx.used[CUSTODY].verified:
        return None
    return plural(
        "La participation comptée pour {n} enfant en garde alternée est à confirmer avec votre caisse.",
        "La participation comptée pour les {n} enfants en garde alternée est à confirmer avec votre caisse.",
        halves,
        "rights",
    )


def _first_january(h: Household, ctx: Context, amount: Decimal, later: NextYear | None) -> list[Msg]:
    """What the participation would be if an adult known by year of birth only was born on 1 January.

    That adult is a year older on 1 January than the chat counts: for a decision this year, and next year when the
    decision may fall then (R861-16), a different amount gets its own line ("up to" for a couple: maybe only one of
    them was born on 1 January).
    """
    people = members(h, ctx)
    older = {0} if h.born is not None else set()
    if h.couple and h.partner_born is not None:
        older.add(1)
    if not older:
        return []
    schemes = {_scheme(p) for p in people}
    years: list[tuple[int, int, Decimal, dict[str, Value]]] = [
        (ctx.today.year, 0, amount, {name: ctx.mapping(name) for name in schemes})
    ]
    new_year = date(ctx.today.year + 1, 1, 1)
    if add_months(ctx.today, int(ctx.number(DELAY))) >= new_year:
        then = {name: ctx.table(name, new_year).value for name in schemes}
        years.append((new_year.year, 1, later.amount if later else amount, then))
    lines: list[Msg] = []
    for year, shift, usual, bands in years:
        ages = [p.age + shift + (1 if i in older else 0) for i, p in enumerate(people)]
        other = sum(
            (_amount(age, bands[_scheme(p)]) * _share(p, ctx) for age, p in zip(ages, people, strict=True)), ZERO
        )
        if other != usual:
            lines.append(_born_first_january(len(older), other, year))
    return lines


def _born_first_january(adults: int, amount: Decimal, year: int) -> Msg:
    """ "If you were born on 1 January, …: for a decision taken in 2026, the monthly participation would be 14 €"."""
    if adults == 1:
        # TRANSLATORS: {year} is a year (four digits), {amount} an amount in euros.
        return msg(
            "Si vous êtes né·e un 1er janvier, vous avez un an de plus au 1er janvier que les autres personnes nées la "
            "même année : pour une décision prise en {year}, la participation mensuelle serait de {amount}.",
            "rights",
            amount=Money(amount),
            year=Figures(str(year)),
        )
    # TRANSLATORS: {year} is a year (four digits), {amount} an amount in euros.
    return msg(
        "Si vous ou votre conjoint·e êtes né·e un 1er janvier, l'âge au 1er janvier compte un an de plus que pour les "
        "autres personnes nées la même année : pour une décision prise en {year}, la participation mensuelle pourrait "
        "aller jusqu'à {amount}.",
        "rights",
        amount=Money(amount),
        year=Figures(str(year)),
    )


def _two_years(n: int, amount: Decimal, later: NextYear, ctx: Context) -> Msg:
    # TRANSLATORS: {year} and {next_year} are years (four digits); {amount} and {later} amounts in euros.
    return plural(
        "Participation estimée pour {n} personne : {amount} par mois si la décision est prise en {year}, {later} par "
        "mois si elle est prise en {next_year}.",
        "Participation estimée pour les {n} personnes du foyer : {amount} par mois si la décision est prise en "
        "{year}, {later} par mois si elle est prise en {next_year}.",
        n,
        "rights",
        amount=Money(amount),
        later=Money(later.amount),
        year=Figures(str(ctx.today.year)),
        next_year=Figures(str(later.year)),
    )


def _why(later: NextYear, months: int, people: int) -> Msg:
    """Why a decision next year would cost a different amount: the new year's amounts, or someone's new age band."""
    if later.new_amounts:
        return msg(
            "La caisse a {delay} pour décider : si vous faites la demande maintenant, la décision peut "
            "être prise en {next_year}, et les montants de la participation changent le 1er janvier {next_year}.",
            "rights",
            delay=_delay(months),
            next_year=Figures(str(later.year)),
        )
    if people == 1:
        return msg(
            "La caisse a {delay} pour décider : si vous faites la demande maintenant, la décision peut "
            "être prise en {next_year}. Or la participation dépend de l'âge au 1er janvier de l'année de la décision, "
            "et vous passez dans la tranche d'âge suivante le 1er janvier {next_year}.",
            "rights",
            delay=_delay(months),
            next_year=Figures(str(later.year)),
        )
    return plural(
        "La caisse a {delay} pour décider : si vous faites la demande maintenant, la décision peut "
        "être prise en {next_year}. Or la participation dépend de l'âge de chacun au 1er janvier de l'année de la "
        "décision, et {n} personne du foyer passe dans la tranche d'âge suivante le 1er janvier {next_year}.",
        "La caisse a {delay} pour décider : si vous faites la demande maintenant, la décision peut "
        "être prise en {next_year}. Or la participation dépend de l'âge de chacun au 1er janvier de l'année de la "
        "décision, et {n} personnes du foyer passent dans la tranche d'âge suivante le 1er janvier {next_year}.",
        later.older,
        "rights",
        delay=_delay(months),
        next_year=Figures(str(later.year)),
    )


def _delay(months: int) -> Msg:
    """ "up to 2 months", the time the caisse has to decide."""
    # TRANSLATORS: completes « La caisse a {delay} pour décider » (the caisse has up to 2 months to decide).
    return plural("jusqu'à {n} mois", "jusqu'à {n} mois", months, "rights")


def _local_line(local: int, people: int) -> Msg | None:
    """Who pays the Alsace-Moselle local scheme's lower amounts, when someone does."""
    if not local:
        return None
    if local == people:
        return plural(
            "Tarif réduit du régime local d'Alsace-Moselle pour {n} personne.",
            "Tarif réduit du régime local d'Alsace-Moselle pour les {n} personnes du foyer.",
            local,
            "rights",
        )
    return plural(
        "Tarif réduit du régime local d'Alsace-Moselle pour {n} personne du foyer, affiliée ou rattachée à ce "
        "régime ; tarif général pour les autres.",
        "Tarif réduit du régime local d'Alsace-Moselle pour {n} personnes du foyer, affiliées ou rattachées à ce "
        "régime ; tarif général pour les autres.",
        local,
        "rights",
    )
