"""A label or quote cut to fit a phone never leaves a direction isolate open: what follows it keeps its order."""

from __future__ import annotations

from dialogs.bidi import FSI, PDI, balanced, shortened
from dialogs.bilingual import BUTTON
from dialogs.i18n import translator
from faire_lien.core.late import late


def test_a_short_text_is_kept_as_it_is() -> None:
    assert shortened(f"Mardi {FSI}14 déc.{PDI}", BUTTON) == f"Mardi {FSI}14 déc.{PDI}"


def test_a_date_cut_in_its_middle_is_closed_before_the_ellipsis() -> None:
    """« Rendez-vous proposé pour le mardi ⁨14 décembre 2026⁩ » cut at 40: the isolate around the date ends before « … »,
    and the whole stays within the 40 characters of a button."""
    label = f"Rendez-vous proposé pour le mardi {FSI}14 décembre 2026 à 14:30{PDI}"
    cut = shortened(label, BUTTON)
    assert len(cut) <= BUTTON
    assert cut.endswith(f"{PDI}…"), repr(cut)
    assert cut.count(FSI) == cut.count(PDI) == 1
    assert balanced(cut, close=True) == cut


def test_a_late_message_quoted_with_a_typed_override_stays_in_its_box() -> None:
    """A long late message whose isolate opens before the cut: the notice's own words after the quote keep their
    place (the quote's isolate is closed inside the « … »)."""
    typed = "x" * 50 + FSI + "مرحبا بكم في الجلسة" + PDI
    said = translator("fr")(late(typed))
    quoted = said.split("«", 1)[1].split("»", 1)[0]
    assert quoted.count(FSI) == quoted.count(PDI), repr(quoted)
    assert f"ب{PDI}…" in quoted, repr(quoted)  # before: « ب…⁩ », the ellipsis inside the right-to-left run
