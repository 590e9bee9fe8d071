"""Storage tests use the PostgreSQL fixtures of tests/conftest.py; `database` runs a test on both."""

from __future__ import annotations

import pytest

from storage.db import Database


@pytest.fixture(params=["db", "pg_db"])
def database(request: pytest.FixtureRequest) -> Database:
    """The same test on SQLite and on PostgreSQL."""
    found: Database = request.getfixturevalue(request.param)
    return found
