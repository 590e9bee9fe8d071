"""In process: one in-flow update (a person pressing answers mid-questionnaire) through the assistant, on SQLite.

Each person has agreed and is inside the rights check; they answer the first question, the second, then
press Back twice, again and again: every press applies an answer (or goes back), writes the conversation
and the person's turn, and shows the next question, one unit of work per update as the bot does. Two
SQLite files take turns update by update: one through aiosqlite's thread (`threaded=True`, the design before
issue 20) and one inline on the event loop's thread (`storage/sqlite_inline.py`). Prints, for each, p50,
p99 and mean milliseconds per update, the process's CPU time per update (every thread: less sensitive to the
machine's load than the wall clock), the SQL statements (BEGIN and COMMIT included) and the wake-ups of the
event loop from another thread (thread hops) per update, and the ratio of the medians.
Run: `.venv/bin/python bench/unit_of_work.py [--n 2000] [--people 20] [--dir DIR]`.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.i18n import available_languages  # noqa: E402
from dialogs.loader import BUILTIN_DIRS, load_flows  # noqa: E402
from dialogs.results import BUILDERS  # noqa: E402
from faire_lien.assistant import Assistant  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade_engine  # noqa: E402
from storage.people import Identity  # noqa: E402
from tests.dialogs.golden_driver import Person  # noqa: E402

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
TO_THE_QUESTIONS = ["/start", "press:Français", "press:J'accepte", "press:Bilan"]
PRESSES = ["press:Nationalité", "press:Plus de 3 mois", "press:Retour", "press:Retour"]
"""Answer, answer, back, back: four in-flow updates that bring the person back where they started."""


@dataclass
class Design:
    """One way of reaching SQLite, its people and what one update cost it."""

    name: str
    db: Database
    people: list[Person] = field(default_factory=list)
    timings: list[float] = field(default_factory=list)
    cpu: float = 0.0
    statements: int = 0
    hops: int = 0


def count_statements(design: Design) -> None:
    """Count every statement sent to SQLite, with BEGIN and COMMIT."""
    engine = design.db.engine.sync_engine

    def one(*_args: Any) -> None:
        design.statements += 1

    for name in ("before_cursor_execute", "begin", "commit"):
        event.listen(engine, name, one)


def count_hops(loop: asyncio.AbstractEventLoop, current: Callable[[], Design | None]) -> None:
    """Count wake-ups of the loop from other threads: how aiosqlite and `asyncio.to_thread` hand results back."""
    original = loop.call_soon_threadsafe

    def counted(*args: Any, **kwargs: Any) -> Any:
        design = current()
        if design is not None:
            design.hops += 1
        return original(*args, **kwargs)

    loop.call_soon_threadsafe = counted  # type: ignore[method-assign]


async def measure(folder: Path, updates: int, people: int) -> list[Design]:
    """Both designs, their updates taking turns; the first round of presses is a warm-up, not counted."""
    flows = load_flows(list(BUILTIN_DIRS), BUILDERS)
    assistant = Assistant(flows, available_languages(), clock=lambda: NOW)
    designs = [
        Design("aiosqlite thread", Database(f"sqlite+aiosqlite:///{folder / 'threaded.db'}", threaded=True)),
        Design("inline", Database(f"sqlite+aiosqlite:///{folder / 'inline.db'}")),
    ]
    running: list[Design | None] = [None]
    count_hops(asyncio.get_running_loop(), lambda: running[0])
    try:
        for design in designs:
            await upgrade_engine(design.db.engine)
            for n in range(people):
                person = Person(assistant, design.db, who=Identity(telegram_id=5000 + n))
                for step in [*TO_THE_QUESTIONS, *PRESSES]:
                    await person.do(step)
                design.people.append(person)
            count_statements(design)
            design.statements = 0
        for i in range(updates):
            step = PRESSES[(i // people) % len(PRESSES)]
            for design in designs if i % 2 else reversed(designs):
                person = design.people[i % people]
                running[0] = design
                started, cpu = time.perf_counter(), time.process_time()
                await person.do(step)
                design.timings.append((time.perf_counter() - started) * 1000)
                design.cpu += time.process_time() - cpu
                running[0] = None
    finally:
        for design in designs:
            await design.db.dispose()
    return designs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000, help="updates per design")
    parser.add_argument("--people", type=int, default=20, help="people per design, each mid-questionnaire")
    parser.add_argument("--dir", type=Path, default=None, help="folder for the database files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        designs = asyncio.run(measure(Path(folder), args.n, args.people))
    p50s = []
    for design in designs:
        ordered = sorted(design.timings)
        p50, p99, mean = statistics.median(ordered), ordered[int(len(ordered) * 0.99) - 1], statistics.fmean(ordered)
        p50s.append(p50)
        per = len(ordered)
        print(
            f"{design.name}: p50 {p50:.2f} ms, p99 {p99:.2f} ms, mean {mean:.2f} ms, "
            f"CPU {design.cpu * 1000 / len(ordered):.2f} ms (all threads); "
            f"{design.statements / per:.1f} statements, {design.hops / per:.1f} thread hops per update ({per} updates)"
        )
    print(f"ratio p50 inline / aiosqlite thread: {p50s[1] / p50s[0]:.2f}")


if __name__ == "__main__":
    main()
