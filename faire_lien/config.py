"""Settings from the environment or a `.env` file, validated by pydantic-settings."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Literal
from zoneinfo import available_timezones

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from dialogs.loader import BUILTIN_DIRS
from faire_lien.cases.policy import AnswerTime
from faire_lien.core.holidays import check_area
from storage.db import DEFAULT_URL
from storage.retention import MIN_RETENTION_MONTHS

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
POSTGRES_EXAMPLE = "postgresql+asyncpg://user:password@host/database"
DRIVERS = frozenset({"sqlite+aiosqlite", "postgresql+asyncpg"})
"""The databases faire-lien is built and tested for: SQLite through aiosqlite, PostgreSQL through asyncpg."""


class Settings(BaseSettings):
    """Everything configurable; secrets never appear in logs or reprs."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = Field(
        default=None, description="Token from @BotFather; unset = terminal chat."
    )
    telegram_bot_username: str | None = Field(
        default=None,
        pattern=r"^@?[A-Za-z][A-Za-z0-9_]{3,31}$",
        description="The bot's username (FaireLienBot): t.me links and QR codes of invitations and session posters.",
    )
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org/bot",
        description="Bot API base URL, as python-telegram-bot's base_url (a self-hosted server, or the tests' fake).",
    )
    telegram_api_base_file_url: str | None = Field(default=None, description="Defaults to the base URL with /file/bot.")
    database_url: str = Field(default=DEFAULT_URL, description="Any SQLAlchemy async URL; SQLite file by default.")
    flows_dirs: list[Path] = Field(
        default_factory=lambda: list(BUILTIN_DIRS),
        description="Folders of flow, grid and survey YAML files.",
    )
    log_level: LogLevel = "INFO"
    poll_timeout: int = Field(default=30, ge=0, le=60, description="getUpdates long-polling timeout in seconds.")
    telegram_read_timeout: float = Field(
        default=5.0,
        gt=0,
        le=120,
        description="Seconds to wait for the Bot API's answer to a call (getUpdates adds its long polling); an "
        "answer later than this leaves the message « uncertain », never sent twice. Raise it for a slow "
        "self-hosted Bot API server.",
    )
    webhook_url: str | None = Field(default=None, description="Public HTTPS URL Telegram posts updates to.")
    webhook_secret: SecretStr | None = Field(
        default=None, description="Telegram's secret_token; required for webhooks."
    )
    webhook_listen: str = Field(default="127.0.0.1", description="Address the webhook server listens on.")
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_path: str = Field(default="telegram", description="URL path of the webhook on this server.")
    callback_secret: SecretStr | None = Field(
        default=None, description="Key signing button data; defaults to one derived from the bot token."
    )
    flood_limit: int = Field(default=20, ge=1, description="Updates one person may send within FLOOD_WINDOW.")
    flood_window: float = Field(default=10.0, gt=0, description="Seconds of the per-person flood limit.")
    retention_months: int = Field(
        default=24,
        ge=MIN_RETENTION_MONTHS,
        le=120,
        description="Answers and results older than this are anonymised every day.",
    )
    send_rate: float = Field(
        default=28.5,
        gt=0,
        le=30,
        description="Messages per second the whole service sends at most, all workers together (Telegram: about 30).",
    )
    outbox_interval: float = Field(default=5.0, gt=0, le=300, description="Seconds between two outbox sends.")
    quiet_from: time = Field(
        default=time(20, 0), description="From this time the bot starts no conversation (HH:MM in QUIET_ZONE)."
    )
    quiet_until: time = Field(
        default=time(8, 0), description="Messages due during quiet hours go out at this time; = QUIET_FROM: none."
    )
    quiet_zone: str = Field(default="Europe/Paris", description="The time zone of QUIET_FROM and QUIET_UNTIL.")
    holidays_area: str | None = Field(
        default=None,
        description="Where local public holidays are also not working days (57 Moselle, 6AE Alsace, 974 La Réunion…).",
    )

    contact_health_insurance_phone: str = Field(
        default="3646", max_length=40, description="Health insurance phone number shown on the information pages."
    )
    contact_local_service: str = Field(
        default="", max_length=120, description="Your service's name on the information pages (e.g. CCAS de Poitiers)."
    )
    contact_local_phone: str = Field(default="", max_length=40, description="Your service's phone number.")
    case_answer_time: str = Field(
        default="2 working days",
        description="How soon a person asking for a human is promised an answer: 'N working days' or 'N working hours'",
    )
    case_remind_hours: float = Field(
        default=4.0,
        gt=0,
        le=24 * 5,
        description="Working hours after which coordinators are reminded of an untaken case.",
    )
    data_controller: str = Field(
        default="", max_length=200, description="Who is responsible for the data, named on the privacy screen."
    )
    data_controller_contact: str = Field(
        default="", max_length=200, description="How people reach the data controller about their data."
    )

    web_listen: str = Field(default="127.0.0.1", description="Address the staff console listens on (make run).")
    web_port: int = Field(
        default=8080, ge=0, le=65535, description="Port of the staff console (make run); 0: any free port."
    )
    console_url: str | None = Field(
        default=None,
        description="The console's address as staff reach it (sign-in links); defaults to http://WEB_LISTEN:WEB_PORT.",
    )
    console_idle_minutes: int = Field(
        default=30, ge=5, le=24 * 60, description="A console session left unused this long signs out."
    )

    @field_validator("case_answer_time")
    @classmethod
    def _answer_time(cls, value: str) -> str:
        AnswerTime.parse(value)  # refused with an example when it does not read as a duration
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_any_case(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _database_address(cls, value: str) -> str:
        try:
            driver = make_url(value).drivername
        except ArgumentError:  # the address may hold a password: never repeated
            driver = None
        if driver not in DRIVERS:
            raise ValueError(f"not a database address faire-lien uses: write it as {DEFAULT_URL} or {POSTGRES_EXAMPLE}")
        return value

    @field_validator("telegram_bot_token", "telegram_bot_username", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("quiet_from", "quiet_until", mode="before")
    @classmethod
    def _wall_clock(cls, value: object) -> object:
        if isinstance(value, time) and value.tzinfo is not None:
            raise ValueError("give a time of day without an offset: QUIET_ZONE says where")
        if not isinstance(value, str):
            return value
        found = re.fullmatch(r"\s*([01]?\d|2[0-3])[:hH]([0-5]\d)\s*", value)
        if found is None:
            raise ValueError(f"{value!r} is not a time of day: write it as 20:00 (QUIET_ZONE says where)")
        return time(int(found[1]), int(found[2]))

    @field_validator("quiet_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value not in available_timezones():
            raise ValueError(f"unknown time zone {value!r}: give an IANA name such as Europe/Paris")
        return value

    @field_validator("holidays_area")
    @classmethod
    def _known_area(cls, value: str | None) -> str | None:
        return check_area(value) if value else None

    def console_base(self) -> str:
        """Where staff open the console, without a trailing slash."""
        return (self.console_url or f"http://{self.web_listen}:{self.web_port}").rstrip("/")

    def base_file_url(self) -> str:
        """The file download base URL matching the API base URL."""
        if self.telegram_api_base_file_url:
            return self.telegram_api_base_file_url
        base = self.telegram_api_base_url
        return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base.rstrip("/") + "/file/bot"
