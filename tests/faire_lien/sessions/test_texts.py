"""A session's date button fits a phone in every language: the place said once above the dates, a full one « Liste
d'attente »."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dialogs.i18n import available_languages, translator
from faire_lien.sessions.texts import button, short_when
from storage.models import Meeting

LONG_PLACE = "Maison départementale des solidarités du Châtelleraudais"


def meeting(taken: int, place: str = LONG_PLACE) -> Meeting:
    """A session on Wednesday 30 September 2026 at 14:00, Paris time (the longest dates of the year), 12 seats."""
    return Meeting(
        kind="info_meeting",
        title={"fr": "Réunion C2S"},
        starts_at=datetime(2026, 9, 30, 12, tzinfo=UTC),
        ends_at=datetime(2026, 9, 30, 14, tzinfo=UTC),
        place=place,
        address="1 rue du Marché",
        capacity=12,
        taken=taken,
    )


@pytest.mark.parametrize("language", available_languages())
@pytest.mark.parametrize("taken", [0, 11, 12], ids=["12 seats", "1 seat", "full"])
def test_every_date_button_fits_a_phone(language: str, taken: int) -> None:
    t = translator(language)
    for place in (False, True):
        label = button(meeting(taken), t, place=place)
        assert len(label) <= 40, (language, label)
        assert label.startswith(short_when(meeting(taken), t)), label  # the date and time are never cut


def test_the_labels_a_french_reader_sees() -> None:
    t = translator("fr")
    assert button(meeting(10), t, place=False) == "30 sept. · 14:00 — 2 places libres"
    assert button(meeting(12), t, place=False) == "30 sept. · 14:00 — Liste d'attente"
    assert button(meeting(10, "CCAS Poitiers"), t, place=True) == "30 sept. · 14:00 · CCAS Poitiers"
    assert button(meeting(10), t, place=True) == "30 sept. · 14:00 · Maison départemental…"
