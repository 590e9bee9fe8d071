"""What the rights check knows about a person and their household (the evaluator's only input)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from dialogs.record import record

Territory = Literal["metropole", "alsace_moselle", "overseas", "mayotte", "saint_martin", "saint_barthelemy"]
"""`alsace_moselle`: mainland France, where someone of the household lives, works or worked in Alsace-Moselle
(the chat then asks who is affiliated to its local scheme); its ceilings are the mainland ones."""
Residence = Literal["national", "permit", "asylum_seeker", "refugee", "irregular"]
"""French or EU national, valid residence permit or receipt, asylum seeker, refugee or subsidiary protection,
no permit."""
Pension = Literal["french_europe", "french_15", "french_under_15", "s1", "french_return"]
"""A pension held by someone not working who arrived less than 3 months ago (flow version 9): a French one while living
elsewhere in Europe, or outside Europe with at least or less than 15 years insured in France (CSS L160-3), or one of
another European country with the S1 form (règlement 883/2004, art. 24); since flow version 10, a French one of someone
coming back to live in France (`french_return`)."""
Housing = Literal["tenant_benefit", "tenant", "owner_loan", "owner", "free", "none"]
"""`owner_loan`: an owner still repaying a loan for their home; `owner`: an owner without loan repayments."""
Cover = Literal["none", "c2s", "ame", "unknown"]

BENEFITS = ("rsa", "aspa", "asi", "aah", "ass", "cej", "family", "housing")
PUMA_WAIVERS = ("refugee", "student", "volunteer", "family_joining")
RETURN_ABROAD = "return_abroad"
"""Among `waivers` since flow version 10: back to live in France after years abroad, no pension (no waiver: D160-2)."""
SITUATIONS = ("sick_leave", "job_at_risk", "hospital_discharge", "caregiver", "serious_illness", "renounced_care")

ZERO = Decimal(0)

ADULT = 18
"""Majority: a minor asylum seeker is covered at once (D160-2), a minor has AME without 3 months' presence (L251-1)."""


@record
class Dependant:
    """A child or young person the household supports; only those under 25 belong to the C2S household.

    `age` is the age on the day of the check (R861-2 counts those under 25 at the request). It may be
    unknown: the person is then taken as under 25, in the youngest participation band, after those
    whose age is known. `shared_custody` halves a minor's coefficient (R861-3). `aah_month` is the
    AAH this young person receives, deducted per recipient.
    """

    age: int | None = None
    shared_custody: bool = False
    aah_month: Decimal = ZERO


@record
class Household:
    """The answers the rules need; amounts in euros, resources over the last 12 months.

    Adults' ages count on 1 January of the year of the check (the C2S participation does). Give either
    the age on that day (`age`, `partner_age`) or the year of birth (`born`, `partner_born`, what the
    chat asks), from which the evaluator works that age out for the day of the check.
    """

    age: int | None = None
    born: int | None = None
    partner_age: int | None = None
    partner_born: int | None = None
    dependants: tuple[Dependant, ...] = ()
    territory: Territory = "metropole"
    local_scheme: bool = False
    """The person is affiliated to the Alsace-Moselle local scheme (its lower participation), wherever they live."""
    partner_local_scheme: bool | None = None
    """The partner is (in their own right or attached to the person); None when not said: the partner then
    follows the person, as when one answer covered the household. Dependants follow an affiliated adult."""
    residence: Residence = "national"
    arrived: date | None = None
    """Arrival in France when less than 3 months ago; None when living here for longer."""
    irregular_since: date | None = None
    """The day the visa or residence permit of a person without one ran out (flow version 8); None when never had one
    or not said. Since loi 2019-1479 the AME's 3 months are counted from it (CASF L251-1)."""
    works_in_france: bool = False
    pension: Pension | None = None
    """The pension of a newcomer who does not work (flow version 9); None when none, or not asked."""
    benefits: frozenset[str] = frozenset()
    waivers: frozenset[str] = frozenset()
    aspa_no_activity: bool = False
    """No professional activity in the 3 months before the request, for the person the check is for (ASPA)."""
    aspa_partner_no_activity: bool | None = None
    """Nor for the partner (décret 2023-671): False when the partner worked; None when not asked (no partner,
    or answers from before the question), and the presumption then rests on the person's answer alone."""
    aah_full_rate: bool = False
    resources: Decimal = ZERO
    """Household resources over the 12 months, as declared (benefits AAH/ASI/ASPA included)."""
    activity_cut_income: Decimal = ZERO
    """The part of `resources` earned from work (salaries, self-employment) by the members who, on the day of the
    check, receive unemployment benefit or the ASS, have been on sick leave for more than 6 months, or are paid for
    training without a job: C2S counts it 30 % lower (CSS R861-8)."""
    training_pay_ended: Decimal = ZERO
    """The part of `resources` paid for a vocational training course (rémunération de stage) whose payment has stopped
    for good, with no right to a replacement income: C2S leaves it out (CSS R861-8, last paragraph)."""
    maintenance_paid: Decimal = ZERO
    aah_month: Decimal = ZERO
    """AAH received by the person the check is for (the partner's and dependants' are theirs)."""
    partner_aah_month: Decimal = ZERO
    asi_month: Decimal = ZERO
    partner_asi_month: Decimal = ZERO
    aspa_month: Decimal = ZERO
    """ASPA received by the household."""
    housing: Housing = "tenant"
    housing_benefit_month: Decimal = ZERO
    cover: Cover = "none"
    cover_end: date | None = None
    situations: frozenset[str] = frozenset()
    sick_leave_since: date | None = None

    @property
    def couple(self) -> bool:
        """Whether the person lives with a spouse or partner."""
        return self.partner_age is not None or self.partner_born is not None

    @property
    def partner_local(self) -> bool:
        """Whether the partner pays the local scheme's participation (as the person when not said)."""
        return self.local_scheme if self.partner_local_scheme is None else self.partner_local_scheme

    def age_on(self, day: date) -> int:
        """The person's age on 1 January of `day`'s year (0 when unknown)."""
        return _age(self.age, self.born, day)

    def minor_on(self, day: date) -> bool:
        """Whether the person is surely under 18 on `day` (with the year of birth only: not turning 18 that year)."""
        if self.born is not None:
            return day.year - self.born < ADULT
        return self.age_on(day) < ADULT

    @property
    def minor_children(self) -> bool:
        """Whether a dependant of known age is under 18 (covered or helped without the adults' wait)."""
        return any(d.age is not None and d.age < ADULT for d in self.dependants)

    def turns_18_in(self, day: date) -> bool:
        """Whether only the year of birth is known and it makes the person 18 in `day`'s year (17 or 18 that day)."""
        return self.born is not None and day.year - self.born == ADULT

    def partner_age_on(self, day: date) -> int | None:
        """The partner's age on 1 January of `day`'s year, None without a partner."""
        return _age(self.partner_age, self.partner_born, day) if self.couple else None


def _age(age: int | None, born: int | None, day: date) -> int:
    """Age on 1 January: from the year of birth when given (born in 1996 → 29 on 1 January 2026).

    With the year only, someone born on 1 January itself counts one year younger than they are that day.
    """
    if born is not None:
        return max(day.year - born - 1, 0)
    return age or 0
