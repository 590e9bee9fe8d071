"""What a facilitator writes to publish a meeting (command line, CSV, YAML), validated by pydantic."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from storage.models import Meeting
from storage.statuses import MeetingKind

PARIS = ZoneInfo("Europe/Paris")
Kind = MeetingKind


class MeetingSpec(BaseModel):
    """One meeting; times are Paris local time ("2026-12-01 14:00"); `end` may be a time of the same day."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Kind
    title: dict[str, str] = Field(description="per language; French (fr) required")
    description: dict[str, str] = Field(default_factory=dict)
    start: datetime
    end: datetime | time
    place: str = Field(min_length=2, max_length=200)
    address: str = Field(min_length=5, max_length=300)
    access_notes: str = Field(default="", max_length=500)
    capacity: int = Field(ge=1, le=1000)
    min_size: int | None = Field(default=None, ge=1)
    languages: list[str] = Field(default_factory=list)
    series: str | None = Field(default=None, max_length=64)

    @field_validator("title")
    @classmethod
    def _french_title(cls, value: dict[str, str]) -> dict[str, str]:
        if not value.get("fr"):
            raise ValueError("a French title (title_fr) is required")
        return {k: v for k, v in value.items() if v}

    @field_validator("start", "end", mode="before")
    @classmethod
    def _two_digit_hours(cls, value: Any) -> Any:
        """Accept "7:30" as well as "07:30"."""
        return re.sub(r"(^|\s|T)(\d):(\d\d)", r"\g<1>0\2:\3", value.strip()) if isinstance(value, str) else value

    @field_validator("languages", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _coherent(self) -> MeetingSpec:
        if self.start.tzinfo is None:
            self.start = self.start.replace(tzinfo=PARIS)
        if isinstance(self.end, time):
            self.end = datetime.combine(self.start.date(), self.end, tzinfo=PARIS)
        elif self.end.tzinfo is None:
            self.end = self.end.replace(tzinfo=PARIS)
        if self.end <= self.start:
            raise ValueError("end must be after start")
        if self.min_size is not None and self.min_size > self.capacity:
            raise ValueError("min_size cannot be larger than capacity")
        return self

    def to_meeting(self, created_by: str, now: datetime) -> Meeting:
        """The row to insert."""
        assert isinstance(self.end, datetime)
        return Meeting(
            kind=self.kind,
            title=self.title,
            description=self.description,
            starts_at=self.start,
            ends_at=self.end,
            place=self.place,
            address=self.address,
            access_notes=self.access_notes,
            capacity=self.capacity,
            min_size=self.min_size,
            languages=self.languages,
            series=self.series,
            created_by=created_by,
            created_at=now,
        )


class SpecError(ValueError):
    """Every problem of an import, one "file:line: field: reason" per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _nest(row: dict[str, Any]) -> dict[str, Any]:
    """CSV columns title_fr, title_en, description_fr… become the title and description mappings."""
    out: dict[str, Any] = {"title": {}, "description": {}}
    for key, value in row.items():
        if key is None or value in (None, ""):
            continue
        head, _, language = key.partition("_")
        if head in ("title", "description") and language:
            out[head][language] = value
        else:
            out[key] = value
    if not out["description"]:
        del out["description"]
    return out


def _problems(error: ValidationError, where: str) -> list[str]:
    return [f"{where}: {'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg']}" for e in error.errors()]


def parse_csv(text: str, origin: str) -> list[MeetingSpec]:
    """Rows of a CSV file (header: kind, title_fr, title_en…, start, end, place, address, capacity…)."""
    reader = csv.DictReader(io.StringIO(text))
    specs: list[MeetingSpec] = []
    problems: list[str] = []
    for row in reader:
        where = f"{origin}:{reader.line_num}"
        try:
            specs.append(MeetingSpec.model_validate(_nest(row)))
        except ValidationError as error:
            problems.extend(_problems(error, where))
    if problems:
        raise SpecError(problems)
    return specs


def parse_yaml(text: str, origin: str) -> list[MeetingSpec]:
    """A YAML list of meetings, with the line of each item in error messages."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise SpecError([f"{origin}: not valid YAML: {error}"]) from error
    if not isinstance(data, list) or root is None or not isinstance(root, yaml.SequenceNode):
        raise SpecError([f"{origin}:1: expected a list of meetings"])
    specs: list[MeetingSpec] = []
    problems: list[str] = []
    for node, item in zip(root.value, data, strict=True):
        where = f"{origin}:{node.start_mark.line + 1}"
        try:
            specs.append(MeetingSpec.model_validate(item))
        except ValidationError as error:
            problems.extend(_problems(error, where))
    if problems:
        raise SpecError(problems)
    return specs
