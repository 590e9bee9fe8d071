"""What a facilitator writes to publish a meeting (command line, CSV, YAML), validated by pydantic.

Two models: `MeetingSpec` holds the rules every session keeps (a French title, an end after the start…), checked
again whenever a session is moved or edited; `MeetingInput` adds the length of each text, checked where staff
type it (console form, import file, command line, bot). A session stored with a longer text (published before
its limit, or written in the database) can therefore still be moved, edited and cancelled: an edit refuses a
text that is too long only when it is new, not one the session already has.

Validated with the moment it happens (`context={NOW: now}`: `checked_at`, `parse_csv(..., now=now)`), a start that
has passed or is more than two years ahead is refused at the start field (`timing.start_refusal`).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Annotated, Any

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticKnownError

from faire_lien.sessions.timing import START_RULES, start_refusal
from storage.models import Meeting
from storage.statuses import MeetingKind
from storage.types import PARIS

Kind = MeetingKind
FRENCH_TITLE = "a French title (title_fr) is required"
END_BEFORE_START = "end must be after start"
MIN_ABOVE_CAPACITY = "min_size cannot be larger than capacity"
TIME_SKIPPED = (
    "this time does not exist in Paris that day (clocks go forward from 02:00 to 03:00): "
    "choose a time before 02:00 or from 03:00"
)
TIME_TWICE = (
    "this time happens twice in Paris that day (clocks go back from 03:00 to 02:00): choose a time before 02:00 "
    "or from 03:00, or give its UTC offset (+02:00 the first time, +01:00 the second)"
)
TITLE_MAX = 200
"""Characters of a title, in each language (the console's form says so too: `maxlength`)."""
PLACE_MAX = 200
ADDRESS_MAX = 300
ACCESS_NOTES_MAX = 500
SERIES_MAX = 64
KEPT = "kept"
"""The validation context's key for the texts a session already has, by field (`MeetingInput.keeping`)."""
NOW = "now"
"""The validation context's key for the moment a start is checked against (to come, within two years)."""
MAX_MEETINGS = 500
"""Sessions one import file holds at most (a year of weekly sessions in ten places): a larger one is split."""
MAX_PROBLEMS = 100
"""Problems listed for one file: past them the file is not read further, and the list says there are more."""


class MeetingSpec(BaseModel):
    """One meeting; times are Paris local time ("2026-12-01 14:00"); `end` may be a time of the same day.

    The rules a session keeps whatever happens to it; the length of its texts is `MeetingInput`'s.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Kind
    title: dict[str, str] = Field(description="per language; French (fr) required")
    description: dict[str, str] = Field(default_factory=dict)
    start: datetime
    end: datetime | time
    place: str = Field(min_length=2)
    address: str = Field(min_length=5)
    access_notes: str = ""
    capacity: int = Field(ge=1, le=1000)
    min_size: int | None = Field(default=None, ge=1)
    languages: list[str] = Field(default_factory=list)
    series: str | None = None

    @field_validator("title")
    @classmethod
    def _french_title(cls, value: dict[str, str]) -> dict[str, str]:
        if not value.get("fr"):
            raise ValueError(FRENCH_TITLE)
        return {k: v for k, v in value.items() if v}

    @field_validator("start", "end", mode="before")
    @classmethod
    def _two_digit_hours(cls, value: Any) -> Any:
        """Accept "7:30" as well as "07:30"."""
        return re.sub(r"(^|\s|T)(\d):(\d\d)", r"\g<1>0\2:\3", value.strip()) if isinstance(value, str) else value

    @field_validator("start")
    @classmethod
    def _start_on_the_clock(cls, value: datetime) -> datetime:
        """A Paris time the clock change skips or repeats is refused: the session's instant would be a guess."""
        return _on_the_clock(value)

    @field_validator("start")
    @classmethod
    def _start_to_come(cls, value: datetime, info: ValidationInfo) -> datetime:
        """Checked at a moment (the context's `NOW`): a start that has passed or is over two years ahead is refused."""
        now = (info.context or {}).get(NOW)
        if isinstance(now, datetime):
            instant = value if value.tzinfo is not None else value.replace(tzinfo=PARIS)
            if (reason := start_refusal(instant, now)) is not None:
                raise ValueError(reason)
        return value

    @field_validator("end")
    @classmethod
    def _end_on_the_clock(cls, value: datetime | time, info: ValidationInfo) -> datetime | time:
        """The same for the end, a time of the start's day included."""
        start = info.data.get("start")
        if isinstance(value, time) and isinstance(start, datetime):
            _on_the_clock(datetime.combine(start.date(), value))
            return value
        return _on_the_clock(value) if isinstance(value, datetime) else value

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
            raise ValueError(END_BEFORE_START)
        if self.min_size is not None and self.min_size > self.capacity:
            raise ValueError(MIN_ABOVE_CAPACITY)
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


def _on_the_clock(wall: datetime) -> datetime:
    """`wall` unchanged, unless it is a Paris time without offset that the clock change skips or repeats."""
    if wall.tzinfo is not None:
        return wall  # an instant: its offset says which one
    first, second = wall.replace(tzinfo=PARIS, fold=0), wall.replace(tzinfo=PARIS, fold=1)
    if first.utcoffset() == second.utcoffset():
        return wall
    if first.astimezone(UTC).astimezone(PARIS).replace(tzinfo=None) != wall:
        raise ValueError(TIME_SKIPPED)
    raise ValueError(TIME_TWICE)


def _typed(limit: int) -> AfterValidator:
    """At most `limit` characters (spaces around left out), unless the session edited already has this text."""

    def check(value: str, info: ValidationInfo) -> str:
        kept: dict[str, set[str]] = (info.context or {}).get(KEPT, {})
        if len(value) > limit and value not in kept.get(info.field_name or "", set()):
            raise PydanticKnownError("string_too_long", {"max_length": limit})
        return value

    return AfterValidator(check)


class MeetingInput(MeetingSpec):
    """A meeting as staff type it: the rules of `MeetingSpec`, and each text within its length.

    A 201-character title is refused with pydantic's `string_too_long` at ("title", language), as a place,
    an address, access notes or a series too long are at their field.
    """

    title: dict[str, Annotated[str, _typed(TITLE_MAX)]] = Field(description="per language; French (fr) required")
    place: Annotated[str, Field(min_length=2), _typed(PLACE_MAX)]
    address: Annotated[str, Field(min_length=5), _typed(ADDRESS_MAX)]
    access_notes: Annotated[str, _typed(ACCESS_NOTES_MAX)] = ""
    series: Annotated[str, _typed(SERIES_MAX)] | None = None

    @classmethod
    def checked_at(cls, data: object, now: datetime) -> MeetingInput:
        """`data` checked as typed to publish a session at `now`: its start to come, within two years."""
        return cls.model_validate(data, context={NOW: now})

    @classmethod
    def keeping(cls, data: dict[str, object], meeting: Meeting) -> MeetingInput:
        """`data` checked as typed to edit `meeting`: a text the session already has is kept whatever its length.

        The edit form sends every title back; an old session's 300-character title, left as it was, must not
        stop anyone from changing its seats or its place.
        """
        texts = {
            "title": meeting.title.values(),
            "place": [meeting.place],
            "address": [meeting.address],
            "access_notes": [meeting.access_notes],
            "series": [meeting.series or ""],
        }
        kept = {field: {text.strip() for text in values} for field, values in texts.items()}  # as typed: stripped
        return cls.model_validate(data, context={KEPT: kept})


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an import file: its line, the field as the file names it, and why."""

    origin: str
    line: int | None
    field: str
    """Dotted path of the field ("capacity", "title.en"); empty for the whole row or file."""
    code: str
    """What is wrong: pydantic's error type, or `problem_code`'s names for this module's own rules."""
    reason: str
    """In English, as the command line prints it."""
    same_as: int | None = None
    """For a session given twice in the file: the line where it first is."""

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.field or 'row'}: {self.reason}"


class SpecError(ValueError):
    """Every problem of an import, each with its line ("file:line: field: reason" once printed)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


OWN_RULES = {
    FRENCH_TITLE: "french_title",
    END_BEFORE_START: "end_before_start",
    MIN_ABOVE_CAPACITY: "min_above_capacity",
    TIME_SKIPPED: "time_skipped",
    TIME_TWICE: "time_twice",
    **START_RULES,
}


def problem_code(error: ErrorDetails) -> str:
    """The kind of a validation error: pydantic's type, or the name of one of this module's rules."""
    if error["type"] == "value_error":
        raised = error.get("ctx", {}).get("error")
        return OWN_RULES.get(str(raised), "value_error")
    return error["type"]


def field_path(error: ErrorDetails) -> str:
    """ "capacity", "title.en"; empty for an error about the whole meeting."""
    return ".".join(str(part) for part in error["loc"])


def _nest(row: dict[str | None, Any]) -> dict[str, Any]:
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


def _problems(error: ValidationError, origin: str, where: int | yaml.Node) -> list[Problem]:
    """One problem per error, on the row's line (CSV) or the line of the field's key (YAML)."""
    return [
        Problem(
            origin,
            where if isinstance(where, int) else _key_line(where, e["loc"]),
            field_path(e),
            problem_code(e),
            e["msg"],
        )
        for e in error.errors()
    ]


def _delimiter(text: str) -> str:
    """A spreadsheet saving "CSV" in French separates columns with semicolons: the header line tells."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def parse_csv(text: str, origin: str, now: datetime | None = None) -> list[MeetingInput]:
    """Rows of a CSV file (header: kind, title_fr, title_en…, start, end, place, address, capacity…).

    Commas or semicolons separate the columns; a byte order mark (spreadsheets write one) is ignored. Given `now`
    (every door publishing the file gives it), a start that has passed or is over two years ahead is a problem.
    At most `MAX_MEETINGS` rows and `MAX_PROBLEMS` problems are read (`Reading`).
    """
    text = text.removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(text))
    reading = Reading(origin)
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                reading.problem(Problem(origin, line, "", "extra_values", "more values than columns"))
            elif reading.row(line):
                reading.validate(_nest(dict(row)), now, line, line)
            if reading.over:
                break
    except csv.Error as error:
        reading.problem(Problem(origin, reader.line_num, "", "csv", str(error)))
    return reading.specs()


def _key_line(item: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """The line of the deepest key of `loc` found in an item's mapping (the item's own line otherwise)."""
    node, line = item, item.start_mark.line + 1
    for part in loc:
        if not isinstance(node, yaml.MappingNode):
            break
        found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None)
        if found is None:
            break
        line, node = found[0].start_mark.line + 1, found[1]
    return line


def parse_yaml(text: str, origin: str, now: datetime | None = None) -> list[MeetingInput]:
    """A YAML list of meetings; each problem names the line of its field (or of its item); `now` as `parse_csv`'s."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = f"not valid YAML: {getattr(error, 'problem', None) or error}"
        raise SpecError([Problem(origin, line, "", "yaml", reason)]) from error
    if not isinstance(data, list) or root is None or not isinstance(root, yaml.SequenceNode):
        raise SpecError([Problem(origin, 1, "", "not_a_list", "expected a list of meetings")])
    reading = Reading(origin)
    for node, item in zip(root.value, data, strict=True):
        line = node.start_mark.line + 1
        if reading.row(line):
            reading.validate(item, now, line, node)
        if reading.over:
            break
    return reading.specs()


class Reading:
    """The sessions of a file as they are read, and its problems: a session given twice is one, and the reading
    stops past `MAX_MEETINGS` sessions or `MAX_PROBLEMS` problems (a file of every wrong row, sent by mistake or
    not, costs no more than that to read and to list)."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.found: list[MeetingInput] = []
        self.problems: list[Problem] = []
        self.rows = 0
        self.seen: dict[str, int] = {}
        self.over = False

    def row(self, line: int) -> bool:
        """Count a session of the file: False, with a problem, once there are more than `MAX_MEETINGS`."""
        self.rows += 1
        if self.rows <= MAX_MEETINGS:
            return True
        self.problem(Problem(self.origin, line, "", "too_many", f"more than {MAX_MEETINGS} sessions: split the file"))
        self.over = True
        return False

    def validate(self, item: Any, now: datetime | None, line: int, where: int | yaml.Node) -> None:
        """One session of the file, or its problems; the same session as an earlier line is a problem too."""
        try:
            spec = MeetingInput.model_validate(item, context={NOW: now})
        except ValidationError as error:
            for found in _problems(error, self.origin, where):
                self.problem(found)
            return
        first = self.seen.setdefault(spec.model_dump_json(), line)
        if first != line:
            self.problem(Problem(self.origin, line, "", "duplicate", f"the same session as line {first}", first))
        self.found.append(spec)

    def problem(self, problem: Problem) -> None:
        """A problem of the file; past `MAX_PROBLEMS`, one last saying there are more, and the reading stops."""
        if self.over:
            return
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
            return
        self.problems.append(Problem(self.origin, None, "", "too_many_problems", "more problems: fix these first"))
        self.over = True

    def specs(self) -> list[MeetingInput]:
        """The file's sessions, or `SpecError` with every problem found."""
        if self.problems:
            raise SpecError(self.problems)
        return self.found
