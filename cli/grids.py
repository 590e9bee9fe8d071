"""`faire-lien grids stats | results`: counts per grid, orientation and month; individual results (audited)."""

from __future__ import annotations

import argparse
import getpass

from cli.db import in_unit_of_work, with_database
from cli.months import add_period
from cli.served import served_flows
from dialogs.i18n import translator
from faire_lien.config import Settings
from faire_lien.grids.labels import orientation_label
from faire_lien.grids.lines import NO_RESULT, result_line
from faire_lien.grids.reading import every_result, open_month, period_counts
from faire_lien.surveys.results import MIN_GROUP
from storage.types import utcnow

STAFF_LANGUAGE = "fr"
"""Grid results are printed as `outbox failed` prints: French, Paris time."""


def cmd_stats(settings: Settings, args: argparse.Namespace) -> int:
    """People per grid, orientation and finished month (whole months, Paris time), in whole groups of 5 (7 people
    read 5); groups under 5 shown as "< 5"; the month under way is left out until it is over. Each orientation is
    its id (for scripts) and, in brackets, the words staff read for it in French (« pas de besoin repéré »)."""
    if args.first and args.last and args.first > args.last:
        print(f"--from {args.first} is after --to {args.last}")
        return 1
    found = with_database(settings.database_url, lambda db: period_counts(db, args.first, args.last, utcnow()))
    flows, t = served_flows(settings)[0], translator(STAFF_LANGUAGE)
    lines = [
        f"{c.month} {c.grid_id} {c.orientation} ({t(orientation_label(flows.get(c.grid_id), c.orientation))}): "
        f"{c.people if c.people is not None else f'< {MIN_GROUP}'}"
        for c in found
    ]
    print("\n".join(lines) if lines else "no grid result in this period")
    if lines:
        print(f"people in whole groups of {MIN_GROUP} (rounded down): one person more or fewer does not move them")
    print(f"{open_month(utcnow())}, the month under way, is counted once it is over")
    return 0


def cmd_results(settings: Settings, args: argparse.Namespace) -> int:
    """Each result of one grid as the console shows it (French, Paris time, no person's number); every line shown
    leaves an audit row."""
    flows = served_flows(settings)[0]
    grid = flows.get(args.grid)
    if grid is None or grid.scoring is None:
        print(f"unknown grid {args.grid!r}; grids: {', '.join(sorted(f.id for f in flows.values() if f.scoring))}")
        return 1
    actor = args.staff or getpass.getuser()
    found = in_unit_of_work(
        settings.database_url, lambda session: every_result(session, grid.id, actor, utcnow(), via="command line")
    )
    t = translator(STAFF_LANGUAGE)
    lines = [result_line(result, grid, t) for result in found]
    print("\n".join(lines) if lines else t(NO_RESULT.bind(grid=grid.id)))
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `grids` commands."""
    grids = sub.add_parser("grids", help="detection grid results for staff").add_subparsers(
        dest="grids_command", required=True
    )
    stats = grids.add_parser(
        "stats", help="people per grid, orientation and month, in whole groups of 5 (groups under 5 hidden)"
    )
    add_period(stats)
    stats.set_defaults(func=cmd_stats)
    results = grids.add_parser("results", help="each result of one grid with its score (audited)")
    results.add_argument("grid")
    results.add_argument("--staff", help="who is reading, for the audit log (default: your login name)")
    results.set_defaults(func=cmd_results)
