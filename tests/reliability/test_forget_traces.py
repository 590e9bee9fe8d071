"""Issue 15, item 9: after /forget the erased text is in none of SQLite's files (database, WAL, shared memory).

Also: a purge leaves the write-ahead log empty, and every commit that wrote is synced to disk (storage/db.py).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from faire_lien.assistant import Assistant
from faire_lien.jobs.retention import run_purge
from storage.db import Database
from storage.people import Identity
from tests.dialogs.golden_driver import Person as Talker
from tests.support.profiles import ALONE_ON_800, NO_SITUATION

PHONE = "0671829304"
TRACE = PHONE[1:].encode()  # however the number is stored (06…, +33 6…), these digits are in it
RIGHTS_CHECK = ["press:Bilan", *ALONE_ON_800, "press:Non", *NO_SITUATION]
CALL_ME_BACK = ["press:📞 Parler", "press:Oui", "press:Par téléphone", f"type:{PHONE}", "press:Le matin"]


def files_holding(database: Database, trace: bytes) -> list[str]:
    """Which of the database's files (.db, -wal, -shm) contain these bytes."""
    path = Path(str(make_url(database.url).database))
    found = []
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if name.exists() and trace in name.read_bytes():
            found.append(name.name)
    return found


async def test_item_9_forget_leaves_no_text_in_wal_or_file(assistant: Assistant, db: Database) -> None:
    person = Talker(assistant, db, who=Identity(telegram_id=4242))
    for step in ["/start", "press:Français", "press:J'accepte", *RIGHTS_CHECK, *CALL_ME_BACK]:
        await person.do(step)
    assert files_holding(db, TRACE), "the phone number was stored"  # the check below can see it

    await person.do("/forget")
    await person.do("press:Oui, tout effacer")

    assert person.screen[0].text.startswith("C'est fait : vos données sont effacées.")
    assert files_holding(db, TRACE) == []


async def test_item_9_purge_leaves_the_wal_empty(db: Database) -> None:
    await run_purge(db.url, 1, db)
    path = Path(str(make_url(db.url).database))
    assert path.with_name(path.name + "-wal").stat().st_size == 0  # folded into the file, then truncated


async def test_item_9_sqlite_syncs_every_commit_and_zeroes_deleted_rows(db: Database) -> None:
    async with db.engine.connect() as connection:
        synchronous = (await connection.exec_driver_sql("PRAGMA synchronous")).scalar()
        secure_delete = (await connection.exec_driver_sql("PRAGMA secure_delete")).scalar()
    # NORMAL on the connection: each commit that wrote is synced by the unit of work (tests/storage/test_log_sync.py)
    assert (synchronous, secure_delete) == (1, 1)
