"""Webhook crash drills on PostgreSQL with three workers: every acknowledged update applied exactly once.

The fake Telegram pushes each update to a random worker and delivers it again after anything but a
200, as Telegram does. Workers are SIGKILLed and restarted while people talk, or the database is
stopped and started again. In the end every update Telegram got a 200 for has taken effect, once:
everyone is registered once and stands at the same step with the same answers.
"""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import func, select

from storage.db import Database
from storage.models import Conversation, Meeting, Person, ProcessedUpdate, Registration
from tests.support.cli import RunCli
from tests.support.drill import EXPECTED_STEP, publish, walk
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.fake_bot_api.webhook import WebhookPusher
from tests.support.postgres import PostgresServer
from tests.support.workers import SECRET, Workers


def everyone_walks(api: FakeBotAPI, people: int, first_id: int, workers: Workers) -> None:
    """`people` people walk at once, 12 at a time; on a timeout the workers' logs are printed for the report."""
    users = [api.user(first_id + n, language_code="fr") for n in range(people)]
    try:
        with ThreadPoolExecutor(12) as pool:
            list(pool.map(lambda user: walk(api, user), users))
    except TimeoutError:
        print("\n".join(line for line in workers.logs().splitlines() if " INFO " not in line)[-20000:])
        raise


async def assert_applied_once(db: Database, pusher: WebhookPusher, people: int) -> None:
    """Every acknowledged update recorded once with its effects; each person registered once, at the same step."""
    async with db.unit_of_work() as session:
        handled = set((await session.execute(select(ProcessedUpdate.update_id))).scalars())
        assert set(pusher.acknowledged) <= handled  # nothing acknowledged was lost
        assert len(pusher.acknowledged) == len(set(pusher.acknowledged))
        assert await session.scalar(select(func.count()).select_from(Person)) == people
        statuses = (await session.execute(select(Registration.status))).scalars().all()
        assert statuses == ["registered"] * people  # none lost, none twice
        assert await session.scalar(select(Meeting.taken)) == people
        states = (await session.execute(select(Conversation.step_id, Conversation.answers))).all()
        assert {(step, tuple(sorted(answers.items()))) for step, answers in states} == {
            (EXPECTED_STEP, (("in_france", "more"), ("residence", "national")))
        }


async def test_item_1_webhook_sigkills_lose_no_acknowledged_update(
    api: FakeBotAPI, pg_db: Database, tmp_path: Path, run_cli: RunCli
) -> None:
    people, kills = 60, 12
    workers = Workers(api, pg_db.url, tmp_path)
    pusher = api.push_to(workers.urls, SECRET)
    publish(run_cli, pg_db.url)
    done = threading.Event()

    def killer() -> None:
        rng = random.Random(15)
        for _ in range(kills):
            if done.wait(rng.uniform(0.8, 2.0)):
                return
            n = rng.randrange(len(workers.ports))
            workers.kill(n)
            workers.start(n)

    chaos = threading.Thread(target=killer)
    chaos.start()
    try:
        everyone_walks(api, people, 96000, workers)
    finally:
        done.set()
        chaos.join()
        workers.stop()
    assert workers.starts > 3, "the drill must have killed and restarted workers"
    assert api.pending_updates() == 0
    assert sum(n > 1 for n in pusher.attempts.values()) > 0, "some deliveries must have been cut by a kill"
    await assert_applied_once(pg_db, pusher, people)


async def test_item_1_webhook_database_stopped_and_restarted(
    api: FakeBotAPI, pg_db: Database, postgres: PostgresServer, tmp_path: Path, run_cli: RunCli
) -> None:
    people = 20
    workers = Workers(api, pg_db.url, tmp_path)
    pusher = api.push_to(workers.urls, SECRET)
    publish(run_cli, pg_db.url)
    done = threading.Event()

    def outage() -> None:
        for _ in range(2):
            if done.wait(2.0):
                return
            postgres.halt()
            done.wait(3.0)
            postgres.resume()

    chaos = threading.Thread(target=outage)
    chaos.start()
    try:
        everyone_walks(api, people, 96500, workers)
    finally:
        done.set()
        chaos.join()
        workers.stop()
    assert pusher.statuses["503"] > 0, "updates must have been refused while the database was down"
    assert api.pending_updates() == 0
    await pg_db.dispose()  # its pooled connections died with the server
    await assert_applied_once(pg_db, pusher, people)
