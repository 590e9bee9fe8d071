"""`faire-lien rules check`: which rule values are out of date or still to be confirmed."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from dialogs.rights.table import RULES_FILE, TableError, parse_table
from faire_lien.config import Settings
from storage.types import PARIS, utcnow


def cmd_rules_check(_settings: Settings, args: argparse.Namespace) -> int:
    """List stale values (exit 1 when any) and unverified ones; exit 2 when the file is invalid."""
    path = Path(args.file) if args.file else RULES_FILE
    today = date.fromisoformat(args.today) if args.today else utcnow().astimezone(PARIS).date()
    try:
        table = parse_table(path.read_text(encoding="utf-8"), str(path))
    except (OSError, TableError) as error:
        print(error, file=sys.stderr)
        return 2
    stale = table.stale(today)
    for applied in stale:
        print(
            f"STALE {applied.name}: {applied.description} — values since {applied.since.isoformat()} are applied, "
            f"the revaluation of {applied.stale_since.isoformat() if applied.stale_since else '?'} is missing"
        )
    unverified = table.unverified(today)
    for applied in unverified:
        print(f"UNVERIFIED {applied.name}: {applied.description} — {applied.source}")
    print(
        f"{len(table.series)} rule(s) checked on {today.isoformat()}: {len(stale)} stale, {len(unverified)} unverified"
    )
    return 1 if stale else 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `rules check`."""
    rules = sub.add_parser("rules", help="the rights rule table").add_subparsers(dest="rules_command", required=True)
    check = rules.add_parser("check", help="list stale values (exit 1 when any) and values to confirm")
    check.add_argument("--today", help="check as of this date (YYYY-MM-DD; default: today in France)")
    check.add_argument("--file", help="rule table to check (default: the shipped dialogs/rights/rules.yaml)")
    check.set_defaults(func=cmd_rules_check)
