"""What the rights check knows about a person and their household (the evaluator's only input)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

Territory = Literal["metropole", "alsace_moselle", "overseas"]
Residence = Literal["national", "permit", "asylum", "irregular"]
"""French or EU national, valid residence permit or receipt, asylum seeker or refugee, no permit."""
Housing = Literal["tenant_benefit", "tenant", "owner", "free", "none"]
Cover = Literal["none", "c2s", "ame", "unknown"]

BENEFITS = ("rsa", "aspa", "asi", "aah", "ass", "cej", "family", "housing")
PUMA_WAIVERS = ("refugee", "student", "volunteer", "family_joining")
SITUATIONS = ("sick_leave", "job_at_risk", "hospital_discharge", "caregiver", "serious_illness", "renounced_care")

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Dependant:
    """A person under 25 in the household; `shared_custody` counts them half for the ceiling.

    `age` may be unknown (the chat only asks how many): they are then under 25, in the youngest
    participation band, and keep the order given.
    """

    age: int | None = None
    shared_custody: bool = False


@dataclass(frozen=True, slots=True)
class Household:
    """The answers the rules need; amounts in euros, resources over the last 12 months."""

    age: int
    """Age of the person the check is for, on 1 January of this year for the participation."""
    partner_age: int | None = None
    dependants: tuple[Dependant, ...] = ()
    territory: Territory = "metropole"
    residence: Residence = "national"
    arrived: date | None = None
    """Arrival in France when less than 3 months ago; None when living here for longer."""
    works_in_france: bool = False
    benefits: frozenset[str] = frozenset()
    waivers: frozenset[str] = frozenset()
    aspa_no_activity: bool = False
    aah_full_rate: bool = False
    resources: Decimal = ZERO
    """Household resources over the 12 months, as declared (benefits AAH/ASI/ASPA included)."""
    maintenance_paid: Decimal = ZERO
    aah_month: Decimal = ZERO
    asi_month: Decimal = ZERO
    aspa_month: Decimal = ZERO
    housing: Housing = "tenant"
    housing_benefit_month: Decimal = ZERO
    cover: Cover = "none"
    cover_end: date | None = None
    situations: frozenset[str] = frozenset()
    sick_leave_since: date | None = None

    @property
    def size(self) -> int:
        """People in the C2S household, shared-custody children counted as whole persons."""
        return 1 + (self.partner_age is not None) + len(self.dependants)

    @property
    def couple(self) -> bool:
        """Whether the person lives with a spouse or partner."""
        return self.partner_age is not None

    def ages(self) -> list[int]:
        """Ages of every member, the person first."""
        partner = [self.partner_age] if self.partner_age is not None else []
        return [self.age, *partner, *(d.age or 0 for d in self.dependants)]
