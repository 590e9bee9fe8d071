"""Three webhook workers on PostgreSQL send a 1 000-person poll under Telegram's limit; people write meanwhile.

The real `faire-lien webhook` processes (`tests/support/workers.py`) share one throwaway PostgreSQL
server and the fake Bot API, which enforces `--limit` messages per second overall (a sliding
one-second window, 429 + retry_after beyond it). A session with `--people` attendees is marked held
and its satisfaction poll sent (`invite_present`, as staff do): `--people` invitations due at once.

With `--writers 0` it prints the poll's rate from its first message to its last as a share of the
limit (target ≥ 0.9), the 429 answers (target 0) and the messages lost (target 0). With `--writers
50`, that many other people each send /menu every `--every` seconds through the fake's webhook pusher,
for `--quiet` seconds before the poll and while it drains; it prints the reply latency (from the
message to the bot's first answer) in both periods (target while the poll drains: p95 ≤ 1 s), and
the poll's rate meanwhile. Run: `.venv/bin/python bench/workers_broadcast.py`.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import asyncpg
from sqlalchemy import func, select

from storage.db import Database
from storage.migrate import upgrade_engine
from storage.models import Meeting, OutboxMessage, Person, Registration
from storage.surveys import invite_present
from storage.types import utcnow
from tests.support.fake_bot_api import FakeBotAPI, FakeUser
from tests.support.postgres import PostgresServer
from tests.support.workers import SECRET, Workers

POLLED = 900_000
"""Telegram ids of the people the poll goes to; the writers' follow."""
WRITERS = 800_000


async def prepare(url: str, people: int, writers: int) -> None:
    """Migrate, then store the session's attendees (consenting, French) and the people who will write."""
    db = Database(url)
    await upgrade_engine(db.engine)
    now = utcnow()
    consenting = {"language": "fr", "consent": "accepted", "consent_at": now, "consent_version": "bench"}
    async with db.unit_of_work() as session:
        meeting = Meeting(
            kind="info_meeting",
            title={"fr": "Réunion C2S"},
            starts_at=now - timedelta(hours=3),
            ends_at=now - timedelta(hours=1),
            place="CPAM",
            address="1 rue X, 86000 Poitiers",
            capacity=people,
            created_by="bench",
            created_at=now,
        )
        attendees = [Person(telegram_id=POLLED + i, **consenting) for i in range(people)]
        session.add_all([meeting, *attendees, *(Person(telegram_id=WRITERS + i, **consenting) for i in range(writers))])
        await session.flush()
        session.add_all(
            Registration(
                meeting_id=meeting.id,
                person_id=p.id,
                status="registered",
                attendance="present",
                created_at=now,
                updated_at=now,
            )
            for p in attendees
        )
    await db.dispose()


async def send_poll(url: str) -> int:
    """Invite every attendee to the satisfaction poll, as a facilitator's "send the poll" does."""
    db = Database(url)
    async with db.unit_of_work() as session:
        meeting = (await session.execute(select(Meeting))).scalar_one()
        invited = await invite_present(session, meeting, "hot_evaluation", utcnow())
    await db.dispose()
    return invited


async def poll_left(url: str) -> int:
    """Poll messages not yet settled."""
    db = Database(url)
    async with db.unit_of_work() as session:
        left = await session.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status.in_(("pending", "sending")))
        )
    await db.dispose()
    return left or 0


def scrape(ports: list[int]) -> dict[str, float]:
    """The workers' /metrics samples, added up."""
    total: dict[str, float] = {}
    for port in ports:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
            for line in answer.read().decode().splitlines():
                if line and not line.startswith("#"):
                    name, value = line.rsplit(" ", 1)
                    total[name] = total.get(name, 0.0) + float(value)
    return total


def summary(samples: dict[str, float], histogram: str, labels: str = "") -> tuple[float, float]:
    """A histogram's count and mean."""
    count = samples.get(f"{histogram}_count{labels}", 0.0)
    return count, samples.get(f"{histogram}_sum{labels}", 0.0) / max(count, 1.0)


def delivered(api: FakeBotAPI, polled: set[int]) -> int:
    """Poll messages the fake has accepted so far."""
    return sum(1 for c in api.calls_of("sendMessage") if c.status == 200 and int(c.params["chat_id"]) in polled)


async def new_database(postgres: PostgresServer) -> str:
    admin = await asyncpg.connect(host="127.0.0.1", port=postgres.port, user="faire", database="postgres")
    await admin.execute('CREATE DATABASE "bench"')
    await admin.close()
    return postgres.url.rsplit("/", 1)[0] + "/bench"


class Writers:
    """People each sending /menu every `every` seconds, spread evenly; when each message was sent."""

    def __init__(self, api: FakeBotAPI, count: int, every: float) -> None:
        self.api, self.every = api, every
        self.users = [api.user(WRITERS + i, language_code="fr") for i in range(count)]
        self.sent: list[tuple[int, float]] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        gap = self.every / max(1, len(self.users))
        turn = 0
        next_at = time.time()
        while not self.stop.is_set():
            user: FakeUser = self.users[turn % len(self.users)]
            self.sent.append((user.id, time.time()))
            self.api.send_text(user, "/menu")
            turn += 1
            next_at += gap
            self.stop.wait(max(0.0, next_at - time.time()))

    def latencies(self, start: float, end: float) -> tuple[int, list[float]]:
        """Messages sent between `start` and `end`, and the seconds from each to the first answer in its chat."""
        answers: dict[int, list[float]] = {}
        for method in ("sendMessage", "editMessageText"):
            for call in self.api.calls_of(method):
                if call.status == 200:
                    answers.setdefault(int(call.params["chat_id"]), []).append(call.at)
        during = [(chat, at) for chat, at in self.sent if start <= at <= end]
        found = []
        for chat, at in during:
            after = [t for t in answers.get(chat, []) if t >= at]
            if after:
                found.append(min(after) - at)
        return len(during), sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--writers", type=int, default=0)
    parser.add_argument("--every", type=float, default=5.0)
    parser.add_argument("--quiet", type=float, default=30.0, help="seconds of writing before the poll is sent")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; {args.workers} workers; load average {os.getloadavg()[0]:.1f}")
    with (
        tempfile.TemporaryDirectory() as folder,
        PostgresServer() as postgres,
        FakeBotAPI(global_rate_limit=args.limit) as api,
    ):
        url = asyncio.run(new_database(postgres))
        asyncio.run(prepare(url, args.people, args.writers))
        polled = {POLLED + i for i in range(args.people)}
        for chat in polled:
            api.user(chat, language_code="fr")
        writers = Writers(api, args.writers, args.every)
        workers = Workers(api, url, Path(folder), count=args.workers, OUTBOX_INTERVAL="5", LOG_LEVEL="WARNING")
        pusher = api.push_to(workers.urls, SECRET, connections=32) if args.writers else None
        try:
            quiet = time.time()
            if args.writers:
                writers.thread.start()
                time.sleep(args.quiet)  # replies without a poll, for comparison
            assert asyncio.run(send_poll(url)) == args.people
            started = time.time()
            # Watch the fake (cheap) rather than the database: a busy bench process delays the fake's
            # answers, bunching them into bursts that its limit would count against the bot.
            for tick in itertools.count(1):
                time.sleep(1.0)
                if delivered(api, polled) >= args.people or (tick % 10 == 0 and not asyncio.run(poll_left(url))):
                    break
            writers.stop.set()
            if args.writers:
                writers.thread.join()
            waits = scrape(workers.ports)
        finally:
            if pusher is not None:
                pusher.stop()
            workers.stop()
        sends = [c for c in api.calls_of("sendMessage") if int(c.params["chat_id"]) in polled and c.status == 200]
        times = sorted(c.at for c in sends)
        received = sum(len(api.messages(chat)) for chat in polled)
        elapsed = times[-1] - times[0]
        print(f"poll: {len(sends)} messages in {elapsed:.1f} s, the first {times[0] - started:.1f} s after it was sent")
        print(f"ratio {(len(sends) - 1) / elapsed / args.limit:.2f}")
        print(f"lost {args.people - received}")
        refused = [c for c in api.calls_of("sendMessage") + api.calls_of("editMessageText") if c.status == 429]
        to_poll = sum(int(c.params["chat_id"]) in polled for c in refused)
        stamps = sorted(c.at for c in refused)
        during = sum(1 for a, b in itertools.pairwise(stamps) if b - a < 1.1)  # sent before the pause was known
        print(f"429 answered: {api.rejected_429} ({to_poll} to the poll, {len(refused) - to_poll} to replies)")
        print(f"  of which {during} within 1.1 s of the one before (sent during the pause it caused)")
        for lane in ("reply", "outbox"):
            count, mean = summary(waits, "faire_lien_send_wait_seconds", f'{{lane="{lane}"}}')
            print(f"{lane} lane (all run): {count:.0f} bookings, mean wait for the slot {mean:.3f} s")
        late, paused = (waits.get(f'faire_lien_send_rebooked_total{{reason="{r}"}}', 0) for r in ("late", "paused"))
        print(f"booked again: {late:.0f} woken too late for their slot, {paused:.0f} inside a pause")
        if args.writers:
            periods = (("without a poll", quiet + args.every, started), ("while the poll drained", times[0], times[-1]))
            for label, start, end in periods:
                asked, lat = writers.latencies(start, end)
                print(
                    f"reply latency {label}: p50 {statistics.median(lat):.3f} s, p95 {lat[int(0.95 * len(lat))]:.3f} s,"
                    f" max {lat[-1]:.3f} s ({len(lat)} of {asked} answered)"
                )
            count, mean = summary(waits, "faire_lien_handler_seconds")
            print(f"updates (all run): {count:.0f} handled, mean {mean:.3f} s from arrival to commit and replies")
            answers = sum(len(api.messages(user.id)) for user in writers.users)
            print(f"messages per answer: {answers / len(writers.sent):.2f}")


if __name__ == "__main__":
    main()
