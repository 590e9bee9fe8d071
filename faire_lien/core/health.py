"""What `GET /healthz` tells an operator: database reachable, schema current, outbox backlog."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database
from storage.health import outbox_counts, schema_revision
from storage.migrate import head_revision

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5.0
"""A database that does not answer within this is reported unreachable."""


@dataclass(frozen=True)
class Health:
    """One health reading; `ok` when the database answers at the schema this code expects."""

    database: bool
    schema: str | None
    expected_schema: str
    outbox_backlog: int | None
    outbox_failed: int | None

    @property
    def ok(self) -> bool:
        """Ready to handle updates."""
        return self.database and self.schema == self.expected_schema

    def as_dict(self) -> dict[str, object]:
        """The JSON body of /healthz."""
        return {
            "status": "ok" if self.ok else "unavailable",
            "database": "reachable" if self.database else "unreachable",
            "schema": {"current": self.schema, "expected": self.expected_schema},
            "outbox": {"backlog": self.outbox_backlog, "failed": self.outbox_failed},
        }


async def check(db: Database, now: datetime) -> Health:
    """Read the schema revision and outbox counts; an unreachable database is a reading, not an error."""
    expected = head_revision()
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS), db.unit_of_work() as session:
            schema = await schema_revision(session)
            counts = await outbox_counts(session, now)
    except Exception as error:  # noqa: BLE001 - any failure to read means "unreachable" to the operator
        log.warning("health check: database unreachable (%s)", type(error).__name__)
        return Health(False, None, expected, None, None)
    return Health(True, schema, expected, counts.backlog, counts.failed)
