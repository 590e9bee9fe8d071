"""Phone numbers on a request's page: a French number by pairs, anything else as typed."""

from __future__ import annotations

import pytest

from faire_lien.cases.phones import french_phone


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("0612345678", "06 12 34 56 78"),
        ("0145678901", "01 45 67 89 01"),
        ("0692123456", "06 92 12 34 56"),  # La Réunion, dialled in France
        ("06 12 34 56 78", "06 12 34 56 78"),
        ("06.12.34.56.78", "06 12 34 56 78"),
        ("+33612345678", "+33 6 12 34 56 78"),
        ("0033612345678", "+33 6 12 34 56 78"),
        ("+33 (0)6 12 34 56 78", "+33 6 12 34 56 78"),  # the 0 in brackets, as some write it
    ],
)
def test_a_french_number_is_grouped_by_pairs(typed: str, shown: str) -> None:
    assert french_phone(typed) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "+4915112345678",  # German
        "+212612345678",  # Moroccan
        "061234567",  # a digit short
        "06123456789",  # a digit too many
        "0012345678",  # 00 is no French number
        "+330612345678",  # +33 with its 0 kept
        "3949",  # a short service number
        "pas de téléphone",
        "",
    ],
)
def test_anything_else_is_shown_as_typed(typed: str) -> None:
    assert french_phone(typed) == typed
