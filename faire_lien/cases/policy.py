"""What the service promises about cases: an answer time, a reminder for coordinators, quiet hours."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from dialogs.text import Msg, msg, plural
from faire_lien.core.contacts import Contacts
from faire_lien.core.quiet import QuietHours, quiet_hours

if TYPE_CHECKING:
    from faire_lien.config import Settings

ANSWER_TIME = re.compile(r"\s*(\d{1,3})\s+working\s+(day|hour)s?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class AnswerTime:
    """How soon a person is promised an answer: some working days or working hours."""

    amount: int
    unit: Literal["day", "hour"]

    @classmethod
    def parse(cls, text: str) -> AnswerTime:
        """`2 working days`, `1 working day`, `8 working hours`; anything else is refused with an example."""
        found = ANSWER_TIME.fullmatch(text)
        if found is None or int(found.group(1)) == 0:
            raise ValueError(f"{text!r}: write a duration such as '2 working days' or '8 working hours'")
        unit: Literal["day", "hour"] = "day" if found.group(2).lower() == "day" else "hour"
        return cls(int(found.group(1)), unit)

    def promise(self) -> Msg:
        """The promise as the person reads it."""
        if self.unit == "day":
            return plural(
                "Une personne de l'équipe vous répondra dans {n} jour ouvré au plus.",
                "Une personne de l'équipe vous répondra dans les {n} jours ouvrés au plus.",
                self.amount,
                "case",
            )
        return plural(
            "Une personne de l'équipe vous répondra dans {n} heure ouvrée au plus.",
            "Une personne de l'équipe vous répondra dans les {n} heures ouvrées au plus.",
            self.amount,
            "case",
        )


NOBODY_YET = msg(
    "Pour l'instant, personne de l'équipe ne peut la recevoir ici : elle reste enregistrée, mais nous ne "
    "pouvons pas vous promettre de réponse.",
    "case",
)
CALL_LOCAL = msg("Pour être aidé·e sans attendre, appelez {service} au {phone}.", "case")
CALL_INSURANCE = msg("Pour être aidé·e sans attendre, appelez l'Assurance Maladie au {phone}.", "case")


def no_promise(contacts: Contacts) -> list[Msg]:
    """What a person is told instead of an answer time when nobody in the team would hear of their request."""
    if contacts.local_service and contacts.local_phone:
        return [NOBODY_YET, CALL_LOCAL.bind(service=contacts.local_service, phone=contacts.local_phone)]
    return [NOBODY_YET, CALL_INSURANCE.bind(phone=contacts.health_insurance_phone)]


@dataclass(frozen=True)
class CasePolicy:
    """The promised answer time, when coordinators are reminded of an untaken case, and the working hours."""

    answer: AnswerTime = AnswerTime(2, "day")
    remind_hours: float = 4.0
    quiet: QuietHours = field(default_factory=QuietHours)

    def due(self, now: datetime) -> datetime:
        """When a case opened now must be answered by."""
        if self.answer.unit == "day":
            return self.quiet.add_working_days(now, self.answer.amount)
        return self.quiet.add_working_hours(now, self.answer.amount)

    def remind(self, now: datetime) -> datetime:
        """When coordinators are reminded of a case opened now if nobody took it."""
        return self.quiet.add_working_hours(now, self.remind_hours)


def case_policy(settings: Settings) -> CasePolicy:
    """The promises configured by CASE_ANSWER_TIME, CASE_REMIND_HOURS and the quiet hours."""
    return CasePolicy(AnswerTime.parse(settings.case_answer_time), settings.case_remind_hours, quiet_hours(settings))
