"""A reviewed language is reviewed only for the messages its reviewer flagged; a changed text is a draft again."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from dialogs.review import EXEMPT, REVIEWED, count_review, drop_stale_reviews, is_draft, review


def _catalog(*entries: tuple[str, str, set[str]]) -> Catalog:
    catalog = Catalog(locale="de")
    for msgid, string, flags in entries:
        catalog.add(msgid, string, context="screen", flags=flags)
    return catalog


def test_a_reviewed_language_counts_only_its_flagged_messages_as_reviewed() -> None:
    catalog = _catalog(
        ("Bonjour", "Hallo", {REVIEWED}),
        ("Merci", "Danke", {REVIEWED}),
        ("Nouveau texte", "Neuer Text", set()),
        ("CPAM", "CPAM", {EXEMPT}),
    )
    partly = count_review("de", catalog, "reviewed")
    assert (partly.reviewed, partly.draft, partly.is_draft) == (2, 1, True)
    catalog.get("Nouveau texte", context="screen").flags.add(REVIEWED)
    whole = count_review("de", catalog, "reviewed")
    assert (whole.reviewed, whole.draft, whole.is_draft) == (3, 0, False)


def test_flags_count_for_nothing_while_the_language_is_a_draft() -> None:
    catalog = _catalog(("Bonjour", "Hallo", {REVIEWED}), ("Merci", "Danke", {REVIEWED}))
    draft = count_review("de", catalog, "draft")
    assert (draft.reviewed, draft.draft, draft.is_draft) == (0, 2, True)


def test_a_fuzzy_message_is_not_reviewed_and_make_i18n_drops_its_flag(tmp_path: Path) -> None:
    old = _catalog(("Vous êtes inscrit·e.", "Sie sind angemeldet.", {REVIEWED}), ("Merci", "Danke", {REVIEWED}))
    template = Catalog()
    template.add("Vous êtes bien inscrit·e.", context="screen")  # the French text changed
    template.add("Merci", context="screen")
    old.update(template)  # what `pybabel update` does
    changed = old.get("Vous êtes bien inscrit·e.", context="screen")
    assert changed.fuzzy and REVIEWED in changed.flags  # Babel carries the flag over to the fuzzy match
    assert REVIEWED in old.get("Merci", context="screen").flags  # an unchanged text keeps its review
    assert count_review("de", old, "reviewed").reviewed == 1
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as handle:
        write_po(handle, old)
    assert drop_stale_reviews(tmp_path) == 1
    with (folder / "messages.po").open("rb") as handle:
        stored = read_po(handle)
    assert REVIEWED not in stored.get("Vous êtes bien inscrit·e.", context="screen").flags
    assert REVIEWED in stored.get("Merci", context="screen").flags


def test_shipped_drafts_are_drafts_and_french_is_the_reviewed_source() -> None:
    assert not is_draft("fr")
    arabic = review("ar")
    assert is_draft("ar") and arabic.status == "draft" and arabic.reviewed == 0 and arabic.draft > 800
