"""The late-message notice quotes what the person typed on one line, cut when long, its direction marks contained."""

from __future__ import annotations

from dialogs.bidi import FSI, PDI
from dialogs.i18n import translator
from faire_lien.core.late import QUOTED, late


def test_a_long_message_is_quoted_on_one_line_and_cut() -> None:
    typed = "Je suis né en 1985\nà Lyon " + "et j'habite à Villeurbanne depuis longtemps " * 5
    shown = translator("fr")(late(typed))
    quoted = shown.split("« ", 1)[1].split(" »", 1)[0]
    assert quoted.startswith("Je suis né en 1985 à Lyon et j'habite") and quoted.endswith("…")
    assert len(quoted) <= QUOTED and "\n" not in quoted


def test_a_right_to_left_override_stays_inside_the_quote() -> None:
    shown = translator("fr")(late("\u202e1985"))
    assert f"« {FSI}\u202e1985\u202c{PDI} »" in shown
    assert shown.endswith("Renvoyez-le s'il le faut.")
