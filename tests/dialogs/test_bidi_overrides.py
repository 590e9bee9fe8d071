"""Direction overrides typed by someone (U+202A–U+202E, U+2066–U+2069) stay inside what they typed."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dialogs.bidi import balanced, contained, stripped
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


def _reference(text: str, *, close: bool) -> str:
    """UAX #9 balancing character by character, the way the rule reads: what `balanced` must give, however fast."""
    embeddings, isolates = "\u202a\u202b\u202d\u202e", "\u2066\u2067\u2068"
    kept: list[str] = []
    opened: list[int] = []
    for char in text:
        if char in embeddings or char in isolates:
            opened.append(len(kept))
        elif char == PDF:
            if not opened or kept[opened[-1]] not in embeddings:
                continue
            opened.pop()
        elif char == PDI:
            if not any(kept[at] in isolates for at in opened):
                continue
            while kept[opened[-1]] in embeddings:
                kept.append(PDF)
                opened.pop()
            opened.pop()
        kept.append(char)
    if close:
        return "".join(kept) + "".join(PDF if kept[at] in embeddings else PDI for at in reversed(opened))
    return "".join(char for at, char in enumerate(kept) if at not in opened)


@example(f"{PDI}a{FSI}b")  # a lone end before an opening: not a closed isolate
@example(f"{FSI}{FSI}a{PDI}")
@settings(max_examples=1000)
@given(st.text(alphabet=["a", "ب", " ", FSI, PDI, *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067"], max_size=14))
def test_typed_overrides_of_any_shape_are_balanced_as_the_rule_reads(text: str) -> None:
    """Whatever mix of openings and ends someone types (or our own isolates around values, nested), the text shown
    is the one the character-by-character rule gives, closed or stripped."""
    assert balanced(text, close=True) == _reference(text, close=True)
    assert balanced(text, close=False) == _reference(text, close=False)
