"""The poster: one A4 page whatever the languages, titles in Arabic and Persian shaped, a QR code of the link."""

from __future__ import annotations

import re
from datetime import timedelta

from faire_lien.sessions.poster import poster
from storage.models import Meeting
from tests.conftest import NOW

PAGE = re.compile(rb"/Type /Page\b(?!s)")


def meeting(**extra: object) -> Meeting:
    fields: dict[str, object] = {
        "id": 7,
        "kind": "caregivers",
        "title": {"fr": "Groupe des aidants"},
        "description": {},
        "starts_at": NOW + timedelta(days=3),
        "ends_at": NOW + timedelta(days=3, hours=2),
        "place": "CCAS de Poitiers",
        "address": "1 place du Marché, 86000 Poitiers",
        "access_notes": "",
        "capacity": 10,
        "languages": [],
    }
    return Meeting(**{**fields, **extra})


def test_a_poster_is_one_a4_page_with_a_qr_code() -> None:
    document = poster(meeting(), "https://t.me/FaireLienBot?start=s_7")
    assert document.startswith(b"%PDF-") and document.rstrip().endswith(b"%%EOF")
    assert len(PAGE.findall(document)) == 1
    assert b"/MediaBox [0 0 595.28 841.89]" in document  # A4
    assert b"/Subtype /Image" in document
    assert b"DejaVu" in document


def test_every_language_of_the_session_fits_on_one_page() -> None:
    titles = {
        "fr": "Groupe des aidants : parler de ce que l'on vit quand on aide un proche",
        "ar": "مجموعة دعم مقدّمي الرعاية",
        "fa": "گروه حمایت از مراقبان",
        "uk": "Група підтримки для тих, хто доглядає",
        "ru": "Группа поддержки",
        "tr": "Bakım verenler grubu",
        "en": "Carers' group",
        "es": "Grupo de cuidadores",
        "pt": "Grupo de cuidadores",
        "ro": "Grupul aparținătorilor",
    }
    busy = meeting(
        title=titles,
        languages=[*titles, "wo"],
        access_notes="Ascenseur au fond de la cour ; bus 1 et 2, arrêt Marché. Sonnez à l'interphone « CCAS ». " * 3,
    )
    document = poster(busy, "https://t.me/FaireLienBot?start=s_7")
    assert len(PAGE.findall(document)) == 1
