"""Fingerprints of every rights card in every language, to prove a speed-up changed no byte of any card.

Run `python bench/cards_identity.py [--n 200] [--seed 0] --save FILE` on the code before a change, then
`--compare FILE` after it. For each of a few fixed days of the check (ceilings stale, revalued soon, just
revalued, up to date), `bench/households.py` draws N seeded households, turned into the answers the chat
stores (`bench/answers.py`); each card is built and rendered in the ten languages as the person reads it
(text and offer buttons), as a staff member reads it in that language (staff-only details shown) and as a
mediator reads it (the person's language with French under it, buttons fitted to a phone, as
`faire_lien/core/runner.py` sends it). Days and households take turns, so a cache keyed wrongly shows.
`--compare` prints how many cards differ and the first one that does, and exits 1 if any differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

# Run as a script: this file's directory is on sys.path, so the shared helpers are `households`, `answers`.
from answers import answers_of
from households import generate

from dialogs.bilingual import Bilingual
from dialogs.i18n import available_languages, translator
from dialogs.loader import BUILTIN_DIRS, load_flows
from dialogs.present import render_blocks
from dialogs.results import BUILDERS
from faire_lien.core.runner import card_replies

DAYS = (date(2025, 10, 15), date(2026, 3, 20), date(2026, 4, 2), date(2027, 6, 1), date(2024, 5, 15), date(2025, 6, 15))
"""Days of the check: the bench's day, just before and just after a 1 April revaluation, a later day whose values
are out of date, an earlier year and a day before the family-help rule of 30 June 2025."""


def cards(n: int, seed: int) -> Iterator[tuple[str, str]]:
    """(name, text) of every card: household, day, language and view, the days taking turns household by household."""
    flow = load_flows(BUILTIN_DIRS, BUILDERS)["rights_check"]
    build = BUILDERS[flow.result]
    languages = available_languages()
    drawn = {day: [answers_of(case.household, day) for case in generate(n, day, seed=seed)] for day in DAYS}
    for i in range(n):
        for day in DAYS:
            card = build(flow, drawn[day][i], day)
            staff = card.for_staff()
            for language in languages:
                t = translator(language)
                labels = "\n".join(f"[{t(o.label)}]" for o in card.offers)
                name = f"{day.isoformat()} #{i} {language}"
                yield f"{name} person", f"{render_blocks(card.blocks, t)}\n{labels}"
                yield f"{name} staff", render_blocks(staff.blocks, t)
                replies = card_replies(staff, Bilingual(language), i, on_behalf=True)
                yield f"{name} mediated", "\n---\n".join(f"{r.text}\n{r.labels()}" for r in replies)


def digest(text: str) -> str:
    """A short fingerprint of one card's text."""
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def main(argv: list[str] | None = None) -> int:
    """Save or compare the fingerprints; 1 when a card differs from the saved ones."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="households drawn for each day of the check")
    parser.add_argument("--seed", type=int, default=0)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the fingerprints to this file")
    action.add_argument("--compare", type=Path, help="compare with the fingerprints saved in this file")
    args = parser.parse_args(argv)
    if args.save is not None:
        hashes = {name: digest(text) for name, text in cards(args.n, args.seed)}
        args.save.write_text(json.dumps({"n": args.n, "seed": args.seed, "cards": hashes}, indent=0) + "\n")
        print(f"{len(hashes)} cards saved to {args.save}")
        return 0
    saved = json.loads(args.compare.read_text())
    expected: dict[str, str] = saved["cards"]
    differ = 0
    first: tuple[str, str] | None = None
    seen = 0
    for name, text in cards(saved["n"], saved["seed"]):
        seen += 1
        if expected.get(name) != digest(text):
            differ += 1
            first = first or (name, text)
    missing = len(expected.keys()) - seen
    print(f"{differ} of {seen} cards differ, {max(missing, 0)} saved cards not rendered")
    if first is not None:
        print(f"first differing card: {first[0]}\n{first[1]}")
    return 1 if differ or missing > 0 else 0


if __name__ == "__main__":
    sys.exit(main())
