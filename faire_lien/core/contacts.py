"""Who the service is, where to reach it, how long it keeps answers: shown on information and privacy screens."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Contacts:
    """Phone numbers and names each service configures (settings `CONTACT_*`, `DATA_CONTROLLER*`), and its retention."""

    health_insurance_phone: str = "3646"
    local_service: str = ""
    local_phone: str = ""
    data_controller: str = ""
    """Who is responsible for the data (the data controller under the GDPR), e.g. "CCAS de Poitiers"."""
    data_contact: str = ""
    """How to reach them about personal data (an address, e-mail or phone)."""
    retention_months: int = 24
    """After how many months answers are made anonymous (RETENTION_MONTHS), said on the privacy screen."""
