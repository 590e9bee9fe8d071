"""Shared column types: UTC timestamps that stay timezone-aware on SQLite too; the service's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, BigInteger, DateTime, Dialect, String
from sqlalchemy.orm import mapped_column
from sqlalchemy.types import TypeDecorator

PARIS = ZoneInfo("Europe/Paris")
"""The service's time zone: days, months and years (reports, sessions, reminders, quiet hours) are counted in it."""


class UTCDateTime(TypeDecorator[datetime]):
    """Store aware datetimes as UTC; read them back aware, whatever the database."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive datetimes and convert to UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Attach UTC to values read back without a zone (SQLite)."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


intpk = Annotated[int, mapped_column(primary_key=True)]
bigint = Annotated[int, mapped_column(BigInteger)]
timestamp = Annotated[datetime, mapped_column(UTCDateTime())]
flow_id = Annotated[str, mapped_column(String(40))]
step_id = Annotated[str, mapped_column(String(40))]
json_value = Annotated[Any, mapped_column(JSON())]
