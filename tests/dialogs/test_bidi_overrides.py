"""Direction overrides typed by someone (U+202A–U+202E, U+2066–U+2069) stay inside what they typed."""

from __future__ import annotations

from dialogs.bidi import contained, stripped
from dialogs.i18n import FSI, PDI, translator
from faire_lien.cases.texts import FROM

RLO, PDF, RLI = "\u202e", "\u202c", "\u2067"


def test_a_staff_name_with_an_override_is_isolated_in_a_left_to_right_language() -> None:
    """The person reads « Message de Sa‮mira, … » with the name between FSI and PDI, the override closed inside it:
    « travailleur·se social·e » after it keeps its order; a plain name is left as it was."""
    t = translator("fr")
    said = t(FROM.bind(name=f"Sa{RLO}mira", title="travailleur·se social·e"))
    assert said == f"💬 Message de {FSI}Sa{RLO}mira{PDF}{PDI}, travailleur·se social·e :"
    assert t(FROM.bind(name="Samira", title="travailleur·se social·e")) == (
        "💬 Message de Samira, travailleur·se social·e :"
    )


def test_an_unmatched_end_cannot_close_the_isolate_around_the_text() -> None:
    """A lone PDI or PDF typed before an override is dropped: otherwise it would end our isolate and free the
    override; each line of a message is isolated on its own."""
    assert contained(f"{PDI}{RLO}oui") == f"{FSI}{RLO}oui{PDF}{PDI}"
    assert contained(f"{PDF}a\n{RLI}b") == f"{FSI}a{PDI}\n{FSI}{RLI}b{PDI}{PDI}"
    assert contained("plain text") == "plain text"


def test_a_name_keeps_only_matched_pairs() -> None:
    """Stored names lose lone openings and ends, keep pairs that close inside them."""
    assert stripped(f"Marie {RLO}Dupont{PDI}") == "Marie Dupont"
    assert stripped(f"Marie {RLO}Dupont{PDF}") == f"Marie {RLO}Dupont{PDF}"
    assert stripped(f"{RLI}Marie") == "Marie"
