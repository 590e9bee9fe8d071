"""The `--from`/`--to YYYY-MM` options of every command that prints aggregated results."""

from __future__ import annotations

import argparse

from faire_lien.core.months import Month, NotAMonthError


def month(text: str) -> Month:
    """A calendar month given as YYYY-MM; a day is refused with a message saying to give a month."""
    try:
        return Month.parse(text)
    except NotAMonthError as refused:
        raise argparse.ArgumentTypeError(str(refused)) from None


def add_period(parser: argparse.ArgumentParser) -> None:
    """`--from YYYY-MM` and `--to YYYY-MM` (aliases `--since`, `--until`), whole months only."""
    parser.add_argument(
        "--from",
        "--since",
        dest="first",
        type=month,
        metavar="YYYY-MM",
        help="first month (whole months only: a day is refused)",
    )
    parser.add_argument("--to", "--until", dest="last", type=month, metavar="YYYY-MM", help="last month, included")
