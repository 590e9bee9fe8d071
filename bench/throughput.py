"""Updates per second handled by webhook workers, sending not limited: 1 SQLite worker, 1 and 2 on PostgreSQL.

Workers are `faire-lien webhook` processes (bench/unpaced_worker.py: the send pacing lifted) answering a lean
Bot API on loopback (bench/lean_harness.py: it answers every call as Telegram would and checks nothing, so the
bench's own side costs little of the CPU the workers share). `--people` people each get to the rights check's
first question through the workers, then `--clients` clients post their presses as Telegram would (one update
per person at a time, over kept-alive connections, spread evenly over the workers): the first question's
answer, the second's, Back, Back, and again; each update answered 200 only once handled, committed and replied
to. A run counts the updates answered 200 during `--seconds` for each set-up in turn (the order changes from
run to run); PostgreSQL syncs its commits as in production (fsync on), SQLite too (synchronous=FULL). Prints
each run's figures, the median and spread of `--runs` runs, the workers' CPU time per update (read from /proc:
what an update costs whatever else the machine runs), the whole machine's CPU time per update (all cores: the
workers, PostgreSQL, the kernel's loopback traffic, this process), this process's own (the lean Bot API and
the clients) and PostgreSQL's (its server and the backends open when the run starts; the connections opened
during a run are counted apart), and the ratio 2 workers / 1 worker (target ≥ 1.6).
Two workers can reach 1.6 × one only if the machine has the CPU for it: with C cores, one worker bound to its
core at W ms per update and the machine spending M ms per update in all, two reach at most C × 1000 / M
updates/s, so the ratio needs M ≤ C × W / 1.6.
Run: `.venv/bin/python bench/throughput.py [--runs 3] [--seconds 15] [--people 64] [--clients 16] [--worker-cpu F]`.

`--worker-cpu 0.4` puts each worker in a control group of its own allowed 0.4 of a core (Linux cgroup `cpu`
controller, v1 or v2; needs root): on a machine whose cores the database, the fake Bot API and the clients
already share, one uncapped worker takes a whole core and a second one has none left to scale into; capped,
each worker stands for a worker on a core of its own, and the ratio shows whether anything they share
(the database, the send budget's row) holds them back.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lean_harness import LeanServer, Loop, Poster  # noqa: E402
from bot.signing import Signer  # noqa: E402
from faire_lien.routes import FLOW_BUTTON  # noqa: E402
from tests.support.postgres import PostgresServer  # noqa: E402
from tests.support.workers import free_port, listening  # noqa: E402

TOKEN = "123456:BENCH"  # noqa: S105 - a fake token for the fake server
SECRET = "throughput-secret"  # noqa: S105 - the fake webhook's secret token
TOKENS = ["o0", "o0", "back", "back"]
"""The flow buttons pressed in turn: first question's answer, second's, Back, Back."""
UPDATE_IDS = count(1)


@dataclass
class Person:
    """Someone at the rights check's first question, and the turn their next press carries."""

    user_id: int
    turn: int
    pressed: int = 0


@dataclass
class Setup:
    """Workers on one database (their URLs and process ids), and the people talking to them."""

    name: str
    urls: list[str]
    pids: list[int]
    people: list[Person] = field(default_factory=list)
    database_pid: int | None = None
    """PostgreSQL's server process (its backends are its children); None for SQLite."""
    rates: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """Milliseconds of the workers' CPU time per update handled, per run."""
    machine: list[float] = field(default_factory=list)
    """Milliseconds of the whole machine's CPU time per update handled, per run (all cores, all processes)."""
    harness: list[float] = field(default_factory=list)
    """Milliseconds of this process's CPU time per update (the lean Bot API and the clients), per run."""
    database: list[float] = field(default_factory=list)
    """Milliseconds of PostgreSQL's CPU time per update (server and its backends), per run; 0 for SQLite."""


def machine_cpu_seconds() -> float:
    """CPU time all cores have spent busy so far (everything but idle and I/O wait), from /proc/stat."""
    ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU time this process has used so far, all its threads (the lean Bot API's and the clients')."""
    times = os.times()
    return times.user + times.system


def family(parent: int) -> list[int]:
    """`parent` and the processes it started (PostgreSQL's server and its backends)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[1]) == parent:
            children.append(int(stat.parent.name))
    return [parent, *children]


def cpu_seconds(pids: list[int]) -> float:
    """CPU time used so far by these processes (user and system), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a backend that ended meanwhile: its time is not counted
        total += int(fields[11]) + int(fields[12])  # utime and stime, fields 14 and 15 of the file
    return total / ticks


CGROUP_ROOTS = (Path("/sys/fs/cgroup/cpu"), Path("/sys/fs/cgroup/unified"), Path("/sys/fs/cgroup"))
PERIOD_US = 20_000
"""The control group's accounting period: a short one spreads a worker's share evenly over time."""


def cap_cpu(stack: ExitStack, pid: int, share: float) -> None:
    """Allow process `pid` `share` of one core from now on, in a control group removed at the end."""
    for root in CGROUP_ROOTS:
        v1 = (root / "cpu.cfs_quota_us").exists()
        if not v1 and not (root / "cgroup.subtree_control").exists():
            continue
        if not v1 and "cpu" not in (root / "cgroup.subtree_control").read_text().split():
            continue
        group = root / f"faire-lien-bench-{pid}"
        group.mkdir()
        if v1:
            (group / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (group / "cpu.cfs_quota_us").write_text(str(int(share * PERIOD_US)))
        else:
            (group / "cpu.max").write_text(f"{int(share * PERIOD_US)} {PERIOD_US}")
        (group / "cgroup.procs").write_text(str(pid))
        stack.callback(group.rmdir)  # after the worker has stopped (callbacks run last in, first out)
        return
    raise SystemExit("--worker-cpu needs a writable cgroup cpu controller (run as root on Linux)")


def sender(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "P", "language_code": "fr"}


def text_update(user_id: int, text: str) -> dict[str, Any]:
    """A text message (a command when it starts with a slash)."""
    uid = next(UPDATE_IDS)
    message: dict[str, Any] = {
        "message_id": uid,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": sender(user_id),
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": uid, "message": message}


def press_update(user_id: int, data: str, message_id: int = 1) -> dict[str, Any]:
    """A button press with this callback data, on a message of the bot."""
    uid = next(UPDATE_IDS)
    message = {"message_id": message_id, "date": int(time.time()), "chat": {"id": user_id, "type": "private"}}
    query = {"id": str(uid), "from": sender(user_id), "chat_instance": str(user_id), "data": data, "message": message}
    return {"update_id": uid, "callback_query": query}


def start_workers(
    stack: ExitStack, api: LeanServer, database_url: str, folder: Path, count: int, share: float | None = None
) -> tuple[list[str], list[int]]:
    """`count` unpaced webhook workers on one database, each allowed `share` of a core if given; URLs and pids."""
    ports = [free_port() for _ in range(count)]
    pids = []
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "TELEGRAM_API_BASE_FILE_URL": f"http://127.0.0.1:{api.port}/file/bot",
        "DATABASE_URL": database_url,
        "WEBHOOK_URL": "https://bot.example.org/telegram",
        "WEBHOOK_SECRET": SECRET,
        "FLOOD_LIMIT": "1000000",
        "LOG_LEVEL": "WARNING",
    }
    for port in ports:
        log = (folder / f"worker-{port}.log").open("w")
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "unpaced_worker.py")],
            env={**env, "WEBHOOK_PORT": str(port)},
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        if share is not None:
            cap_cpu(stack, process.pid, share)
        stack.callback(process.wait, timeout=30)
        stack.callback(process.terminate)
        pids.append(process.pid)
        deadline = time.monotonic() + 90
        while not listening(port):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"worker did not start:\n{log.name}")
            time.sleep(0.2)
    return [f"http://127.0.0.1:{port}/telegram" for port in ports], pids


async def bring_to_the_questions(api: LeanServer, urls: list[str], first_id: int, people: int) -> list[Person]:
    """Each person starts, picks French, agrees, opens the rights check; their turn read from its first question."""
    poster, signer, ready = Poster(urls, SECRET), Signer(TOKEN), []
    try:
        for n in range(people):
            user_id = first_id + n
            assert await poster.post(n % len(urls), text_update(user_id, "/start")) == 200
            for label in ["Français", "J'accepte", "Bilan"]:
                shown = api.shown[user_id]
                update = press_update(user_id, shown.button(label), shown.message_id)
                assert await poster.post(n % len(urls), update) == 200
            action = signer.check(user_id, api.shown[user_id].button("Nationalité"))
            assert action is not None and action.startswith(FLOW_BUTTON.kind + ":")
            ready.append(Person(user_id, int(action.split(":")[1])))
    finally:
        poster.close()
    return ready


async def press_on(setup: Setup, mine: list[Person], stop: threading.Event, counted: Callable[[], bool]) -> list[int]:
    """One client: presses for its people in turn until `stop`; updates answered 200 while counted, and the others."""
    signer, poster = Signer(TOKEN), Poster(setup.urls, SECRET)
    done = failed = n = 0
    try:
        while not stop.is_set():
            person = mine[n % len(mine)]
            token = TOKENS[person.pressed % len(TOKENS)]
            data = signer.sign(person.user_id, FLOW_BUTTON.data(person.turn, token))
            status = await poster.post(n % len(setup.urls), press_update(person.user_id, data))
            n += 1
            if status != 200:
                failed += 1
                continue
            person.turn, person.pressed = person.turn + 1, person.pressed + 1
            if counted() and not stop.is_set():
                done += 1
    finally:
        poster.close()
    return [done, failed]


def hammer(loop: Loop, setup: Setup, clients: int, seconds: float) -> tuple[float, float, float, float, float]:
    """Updates answered 200 per second; CPU ms per update of the workers, the machine, this process, the database."""
    stop, started = threading.Event(), [0.0]

    async def all_clients() -> list[list[int]]:
        return await asyncio.gather(
            *(press_on(setup, setup.people[k::clients], stop, lambda: started[0] > 0) for k in range(clients))
        )

    running = asyncio.run_coroutine_threadsafe(all_clients(), loop.loop)
    time.sleep(2)  # warm-up: connections open, every worker busy
    database = [] if setup.database_pid is None else family(setup.database_pid)
    cpu, machine, own, db = cpu_seconds(setup.pids), machine_cpu_seconds(), own_cpu_seconds(), cpu_seconds(database)
    started[0] = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    elapsed = time.perf_counter() - started[0]
    cpu, machine, own = cpu_seconds(setup.pids) - cpu, machine_cpu_seconds() - machine, own_cpu_seconds() - own
    db = cpu_seconds(database) - db
    if setup.database_pid is not None:
        opened = len(set(family(setup.database_pid)) - set(database))
        print(f"  {setup.name}: {opened} PostgreSQL connections opened during the run (their CPU not counted)")
    counts = running.result()
    done, failed = sum(c[0] for c in counts), sum(c[1] for c in counts)
    if failed:
        print(f"  {setup.name}: {failed} updates not answered 200")
    per_update = 1000 / max(1, done)
    return done / elapsed, cpu * per_update, machine * per_update, own * per_update, db * per_update


def summary(rates: list[float]) -> str:
    return f"median {statistics.median(rates):.0f}/s (runs: {', '.join(f'{r:.0f}' for r in rates)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=15.0, help="measured seconds per set-up and run")
    parser.add_argument("--people", type=int, default=64, help="people per database, each mid-questionnaire")
    parser.add_argument("--clients", type=int, default=16, help="clients posting updates, each one at a time")
    parser.add_argument("--worker-cpu", type=float, default=None, help="share of a core each worker may use")
    args = parser.parse_args()
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        loop = Loop()
        stack.callback(loop.close)
        api = LeanServer()
        loop.run(api.start())
        postgres = stack.enter_context(PostgresServer(fsync=True))
        pg_url = postgres.url.rsplit("/", 1)[0] + "/throughput"

        async def create() -> None:
            admin = await asyncpg.connect(host="127.0.0.1", port=postgres.port, user="faire", database="postgres")
            await admin.execute('CREATE DATABASE "throughput"')
            await admin.close()

        asyncio.run(create())
        sqlite_urls, sqlite_pids = start_workers(
            stack, api, f"sqlite+aiosqlite:///{folder / 'bench.db'}", folder, 1, args.worker_cpu
        )
        pg_urls, pg_pids = start_workers(stack, api, pg_url, folder, 2, args.worker_cpu)
        sqlite_people = loop.run(bring_to_the_questions(api, sqlite_urls, 1_000_000, args.people))
        sqlite = Setup("1 SQLite worker", sqlite_urls, sqlite_pids, sqlite_people)
        pg_people = loop.run(bring_to_the_questions(api, pg_urls, 2_000_000, args.people))
        server = int((postgres.data / "postmaster.pid").read_text().split()[0])
        pg_one = Setup("1 PostgreSQL worker", pg_urls[:1], pg_pids[:1], pg_people, server)
        pg_two = Setup("2 PostgreSQL workers", pg_urls, pg_pids, pg_people, server)
        setups = [sqlite, pg_one, pg_two]
        for run in range(args.runs):
            for setup in setups[run % 3 :] + setups[: run % 3]:
                rate, cpu, machine, own, db = hammer(loop, setup, args.clients, args.seconds)
                setup.rates.append(rate)
                setup.cpu.append(cpu)
                setup.machine.append(machine)
                setup.harness.append(own)
                setup.database.append(db)
                print(
                    f"run {run + 1}: {setup.name}: {rate:.0f} updates/s; CPU per update: workers {cpu:.1f} ms, "
                    f"machine {machine:.1f} ms, of which lean Bot API and clients {own:.1f} ms, PostgreSQL {db:.1f} ms"
                )
    capped = "" if args.worker_cpu is None else f"; each worker allowed {args.worker_cpu:g} of a core"
    print(f"machine: {os.cpu_count()} cores; {args.people} people per database, {args.clients} clients{capped}")
    for setup in setups:
        print(
            f"{setup.name}: {summary(setup.rates)}; CPU per update: workers {statistics.median(setup.cpu):.1f} ms, "
            f"machine {statistics.median(setup.machine):.1f} ms, lean Bot API and clients "
            f"{statistics.median(setup.harness):.1f} ms, PostgreSQL {statistics.median(setup.database):.1f} ms"
        )
    ratios = [two / one for one, two in zip(pg_one.rates, pg_two.rates, strict=True)]
    verdict = "met" if statistics.median(ratios) >= 1.6 else "missed"
    print(
        f"ratio 2 / 1 PostgreSQL workers: median {statistics.median(ratios):.2f} "
        f"(runs: {', '.join(f'{r:.2f}' for r in ratios)}; target ≥ 1.6: {verdict})"
    )


if __name__ == "__main__":
    main()
