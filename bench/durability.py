"""The cost of SQLite's synchronous=FULL (the default: every commit synced to disk) against NORMAL.

Two SQLite files, one per setting, each with its own people going through the same scripted
conversation (language, consent, a whole rights check, a call-back request, the menu) through the
assistant, one unit of work per update as the bot does. Updates alternate between the two databases,
so both meet the same machine load. Prints the median, p95 and mean milliseconds per update for each
setting and the ratios FULL / NORMAL. Run: `.venv/bin/python bench/durability.py [--people 30] [--dir DIR]`
(DIR on the disk the bot would use: a RAM-backed folder makes syncing free).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.i18n import available_languages  # noqa: E402
from dialogs.loader import BUILTIN_DIRS, load_flows  # noqa: E402
from dialogs.results import BUILDERS  # noqa: E402
from faire_lien.assistant import Assistant  # noqa: E402
from storage.db import Database, Synchronous  # noqa: E402
from storage.migrate import upgrade_engine  # noqa: E402
from storage.people import Identity  # noqa: E402
from tests.dialogs.golden_driver import Person  # noqa: E402
from tests.support.profiles import ALONE_ON_800, NO_SITUATION  # noqa: E402

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
SETTINGS: tuple[Synchronous, ...] = ("FULL", "NORMAL")
SCRIPT = [
    "/start",
    "press:Français",
    "press:J'accepte",
    "press:Bilan",
    *ALONE_ON_800,
    "press:Non",
    *NO_SITUATION,
    "press:Être contacté",
    "press:Oui",
    "press:Par téléphone",
    "type:0612345678",
    "press:Le matin",
    "/menu",
]


async def measure(folder: Path, people: int) -> dict[Synchronous, list[float]]:
    """Milliseconds of every update, per setting; the settings take turns update by update."""
    flows = load_flows(list(BUILTIN_DIRS), BUILDERS)
    assistant = Assistant(flows, available_languages(), clock=lambda: NOW)
    dbs = {level: Database(f"sqlite+aiosqlite:///{folder / f'{level.lower()}.db'}", level) for level in SETTINGS}
    timings: dict[Synchronous, list[float]] = {level: [] for level in SETTINGS}
    try:
        for db in dbs.values():
            await upgrade_engine(db.engine)
        for n in range(people):
            talkers = {level: Person(assistant, db, who=Identity(telegram_id=1000 + n)) for level, db in dbs.items()}
            for i, step in enumerate(SCRIPT):
                for level in SETTINGS if (n + i) % 2 else tuple(reversed(SETTINGS)):
                    started = time.perf_counter()
                    await talkers[level].do(step)
                    timings[level].append((time.perf_counter() - started) * 1000)
    finally:
        for db in dbs.values():
            await db.dispose()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=30, help="people per setting, each a whole conversation")
    parser.add_argument("--dir", type=Path, default=None, help="folder for the two database files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        timings = asyncio.run(measure(Path(folder), args.people))
    summary = {}
    for level in SETTINGS:
        ordered = sorted(timings[level])
        p50, p95, mean = statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1], statistics.fmean(ordered)
        summary[level] = (p50, p95, mean)
        print(f"synchronous={level}: p50 {p50:.2f} ms, p95 {p95:.2f} ms, mean {mean:.2f} ms ({len(ordered)} updates)")
    ratios = [f / n for f, n in zip(summary["FULL"], summary["NORMAL"], strict=True)]
    print("ratio FULL / NORMAL: p50 {:.2f}, p95 {:.2f}, mean {:.2f}".format(*ratios))


if __name__ == "__main__":
    main()
