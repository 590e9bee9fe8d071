"""Tables: people, their conversation, finished flows, cases for staff, the outbox, the audit log, the send budget."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Double,
    ForeignKey,
    Index,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.statuses import (
    AnsweredBy,
    Attendance,
    AuditAction,
    CaseAuthor,
    CaseKind,
    CaseOutcome,
    CaseStatus,
    Consent,
    InvitationStatus,
    MeetingKind,
    MeetingStatus,
    OutboxKind,
    OutboxStatus,
    RegistrationStatus,
    StaffRole,
)
from storage.types import UTCDateTime, flow_id, intpk, json_value, step_id, timestamp, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names for migrations."""

    metadata = MetaData(naming_convention=NAMING)


class Person(Base):
    """Someone who answered the consent question, on Telegram or in the terminal chat."""

    __tablename__ = "people"

    id: Mapped[intpk]
    telegram_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    terminal_user: Mapped[str | None] = mapped_column(String(64), unique=True)
    language: Mapped[str] = mapped_column(String(16))
    consent: Mapped[Consent] = mapped_column(String(16), doc="accepted or refused (anonymous: a purged stub)")
    consent_at: Mapped[timestamp]
    consent_version: Mapped[str] = mapped_column(String(32))
    turn: Mapped[int] = mapped_column(default=0, doc="moves on at every step; flow buttons carry it")
    draft_notified: Mapped[list[str]] = mapped_column(
        JSON(), default=list, doc="draft languages the person was already warned about"
    )
    glossary_seen: Mapped[list[str]] = mapped_column(
        JSON(), default=list, doc="glossary terms (dialogs/glossary.yaml) already explained to the person"
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    in_case: Mapped[int | None] = mapped_column(
        doc="the case whose conversation the person's typed messages go to (a person: with staff; staff: writing)"
    )
    blocked_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime(), doc="when the person blocked the bot (Telegram said so, or refused a message: 403); None since"
    )

    conversation: Mapped[Conversation | None] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
        foreign_keys="Conversation.person_id",
    )

    @property
    def consented(self) -> bool:
        """Whether the person agreed that their answers are stored."""
        return self.consent == "accepted"


class Conversation(Base):
    """The one flow a person is in the middle of, committed at every step."""

    __tablename__ = "conversations"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    flow_id: Mapped[flow_id]
    flow_version: Mapped[int]
    flow_fingerprint: Mapped[str | None] = mapped_column(
        String(16), doc="a grid's definition (steps, options, points) as the person started it; None: not a grid"
    )
    step_id: Mapped[step_id]
    answers: Mapped[dict[str, Any]] = mapped_column(JSON())
    history: Mapped[list[str]] = mapped_column(JSON())
    draft: Mapped[list[str]] = mapped_column(JSON())
    origin_response_id: Mapped[int | None] = mapped_column(
        ForeignKey("responses.id", ondelete="SET NULL"), doc="the finished flow this one was started from"
    )
    mediated_language: Mapped[str | None] = mapped_column(
        String(16), doc="a mediator shows each question in this language with the French under it"
    )
    on_behalf_of: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), doc="a mediator answers for this person, who consented"
    )
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_invitations.id", ondelete="SET NULL"), doc="the survey invitation being answered"
    )
    started_at: Mapped[timestamp]
    updated_at: Mapped[timestamp]
    hidden_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime(),
        doc="when another page (information, sessions, the menu of /cancel…) came under the question: typed text is "
        "then no answer; None: the question is the last message on screen",
    )

    person: Mapped[Person] = relationship(back_populates="conversation", lazy="raise", foreign_keys=[person_id])


class Response(Base):
    """A finished flow: who, which flow and version, when."""

    __tablename__ = "responses"
    __table_args__ = (Index("ix_responses_flow_completed", "flow_id", "completed_at", "person_id"),)

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    flow_id: Mapped[flow_id]
    flow_version: Mapped[int]
    started_at: Mapped[timestamp]
    completed_at: Mapped[timestamp]
    mediated_language: Mapped[str | None] = mapped_column(
        String(16), doc="answered in a mediated session, in this language (shown with the French)"
    )


class Answer(Base):
    """One answer of a finished flow, stored under the step's stable id."""

    __tablename__ = "answers"
    __table_args__ = (Index("ix_answers_flow_step", "flow_id", "step_id"),)

    id: Mapped[intpk]
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    flow_id: Mapped[flow_id]
    flow_version: Mapped[int]
    step_id: Mapped[step_id]
    value: Mapped[json_value]
    given_by: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), doc="the mediator who gave this answer; None: the person"
    )


class Case(Base):
    """Something a person needs a human for: why, in which language, who holds it, by when, and how it ended."""

    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_status_created", "status", "created_at"),)

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[CaseKind] = mapped_column(String(16), doc="callback, help, facilitator or undelivered")
    language: Mapped[str] = mapped_column(String(16), doc="the person's language when they asked")
    status: Mapped[CaseStatus] = mapped_column(String(16), default="new", doc="new, claimed, waiting or closed")
    outcome: Mapped[CaseOutcome | None] = mapped_column(String(16))
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id", ondelete="SET NULL"), index=True)
    holder: Mapped[str | None] = mapped_column(String(64), doc="who holds it, as the audit log names them")
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), unique=True, doc="the request's own answers (how to reach)"
    )
    origin_response_id: Mapped[int | None] = mapped_column(
        ForeignKey("responses.id", ondelete="SET NULL"), doc="the check whose card led to the request"
    )
    context: Mapped[dict[str, Any]] = mapped_column(
        JSON(), default=dict, doc="what the person chose to share: the question (help), the message (undelivered)"
    )
    created_at: Mapped[timestamp]
    due_at: Mapped[timestamp] = mapped_column(doc="the answer the person was promised by (CASE_ANSWER_TIME)")
    remind_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), doc="coordinators reminded if unclaimed")
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    person_wrote_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), doc="the person's latest message")
    late_reminded_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime(),
        doc="the holder reminded that the person still has no answer past the due time (or, once staff wrote, "
        "no answer to the person's latest messages within the answer time)",
    )
    late_escalated_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime(), doc="the other coordinators told the holder has not answered either"
    )


class CaseMessage(Base):
    """One line of a case's conversation: the person, a staff member, or the service itself."""

    __tablename__ = "case_messages"

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author: Mapped[CaseAuthor] = mapped_column(String(16))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id", ondelete="SET NULL"))
    staff: Mapped[str | None] = mapped_column(String(64), doc="the staff author, as the audit log names them")
    text: Mapped[str] = mapped_column(String(4000))
    at: Mapped[timestamp]


class OutboxMessage(Base):
    """A message to send later (a reminder, a poll): due time, idempotency key, attempts, status.

    Nothing goes out during quiet hours (QUIET_FROM–QUIET_UNTIL) unless `payload["urgent"]` is true: a
    reply to a person who wrote less than an hour ago. Others due at night wait for the morning.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_due", "status", "due_at"),)

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[OutboxKind] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON())
    due_at: Mapped[timestamp]
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    status: Mapped[OutboxStatus] = mapped_column(
        String(16), default="pending", doc="pending, sending, sent, cancelled, failed or uncertain"
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[timestamp]
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    """A staff read or export of personal data: who, what, about whom, when."""

    __tablename__ = "audit_log"

    id: Mapped[intpk]
    at: Mapped[timestamp]
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[AuditAction] = mapped_column(String(64))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)


class Meeting(Base):
    """A collective session or a health check-up slot people can register for."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("taken >= 0 AND taken <= capacity", name="seats"),
        CheckConstraint("capacity > 0", name="capacity"),
        Index("ix_meetings_kind_starts", "kind", "starts_at"),
        Index("ix_meetings_starts", "starts_at"),
    )

    id: Mapped[intpk]
    kind: Mapped[MeetingKind] = mapped_column(String(32))
    title: Mapped[dict[str, str]] = mapped_column(JSON(), doc="per language; French required")
    description: Mapped[dict[str, str]] = mapped_column(JSON(), default=dict)
    starts_at: Mapped[timestamp]
    ends_at: Mapped[timestamp]
    place: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    access_notes: Mapped[str] = mapped_column(String(500), default="")
    capacity: Mapped[int]
    min_size: Mapped[int | None] = mapped_column(doc="gather interest until this many people registered")
    confirmed_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime(), doc="when the minimum group size was reached (meetings with a min_size)"
    )
    languages: Mapped[list[str]] = mapped_column(JSON(), default=list, doc="languages spoken or interpreted")
    series: Mapped[str | None] = mapped_column(String(64), doc="meetings of one group share a series label")
    status: Mapped[MeetingStatus] = mapped_column(String(16), default="scheduled", doc="scheduled or cancelled")
    taken: Mapped[int] = mapped_column(default=0, doc="seats held by registered or offered people")
    waiting_seq: Mapped[int] = mapped_column(default=0, doc="last waiting-list number handed out")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[timestamp]


class Registration(Base):
    """One person on one meeting: registered, waiting (with rank), offered a freed seat, or cancelled."""

    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id", name="uq_registrations_meeting_person"),
        UniqueConstraint("meeting_id", "code", name="uq_registrations_meeting_code"),
        Index("ix_registrations_meeting_status", "meeting_id", "status", "rank"),
        Index("ix_registrations_meeting_attendance", "meeting_id", "attendance", "status", "person_id"),
    )

    id: Mapped[intpk]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(String(16), doc="registered, waiting, offered, cancelled")
    rank: Mapped[int | None] = mapped_column(doc="waiting-list number, smaller first")
    offered_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attendance: Mapped[Attendance | None] = mapped_column(String(16), doc="present, absent or excused")
    code: Mapped[str | None] = mapped_column(String(8), doc="booking code the person shows at the door")
    created_at: Mapped[timestamp]
    updated_at: Mapped[timestamp]
    offer_lost_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime(), doc="when a seat offered went to the next person, the bot unable to reach them; None since"
    )


class GridResult(Base):
    """The score and orientation of a finished grid, for staff (the person sees only the orientation)."""

    __tablename__ = "grid_results"
    __table_args__ = (
        Index("ix_grid_results_grid_created", "grid_id", "created_at"),
        Index("ix_grid_results_created", "created_at", "grid_id", "orientation", "person_id"),
    )

    id: Mapped[intpk]
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    grid_id: Mapped[flow_id]
    grid_version: Mapped[int]
    score: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    orientation: Mapped[str] = mapped_column(String(40))
    answered_by: Mapped[AnsweredBy] = mapped_column(String(16), doc="person, or mediator for them")
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[timestamp]


class GridPerson(Base):
    """How many grid results a person has in one grid, orientation and Paris month (`storage/grid_counts.py`)."""

    __tablename__ = "grid_people"

    grid_id: Mapped[flow_id] = mapped_column(primary_key=True)
    orientation: Mapped[str] = mapped_column(String(40), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True, doc="YYYY-MM, Paris time")
    person_id: Mapped[int] = mapped_column(primary_key=True)
    results: Mapped[int]


class GridCount(Base):
    """How many people have a grid result in one grid, orientation and Paris month (`storage/grid_counts.py`)."""

    __tablename__ = "grid_counts"

    grid_id: Mapped[flow_id] = mapped_column(primary_key=True)
    orientation: Mapped[str] = mapped_column(String(40), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True, doc="YYYY-MM, Paris time")
    people: Mapped[int] = mapped_column(doc="people with a result there now (`grid_people` rows)")
    erased: Mapped[int] = mapped_column(
        default=0, server_default="0", doc="people who had a result there and erased their data since: still counted"
    )


class SurveyInvitation(Base):
    """A person invited to answer a survey about a meeting: invited, sent, unreachable or answered."""

    __tablename__ = "survey_invitations"
    __table_args__ = (
        UniqueConstraint("person_id", "flow_id", "meeting_id", name="uq_survey_invitations_person_flow_meeting"),
        Index("ix_survey_invitations_meeting", "meeting_id", "flow_id"),
        Index("ix_survey_invitations_flow_meeting", "flow_id", "meeting_id", "status", "response_id"),
    )

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    flow_id: Mapped[flow_id]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    status: Mapped[InvitationStatus] = mapped_column(
        String(16), default="invited", doc="invited, sent, unreachable, answered"
    )
    response_id: Mapped[int | None] = mapped_column(ForeignKey("responses.id", ondelete="SET NULL"))
    created_at: Mapped[timestamp]
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answer_group: Mapped[int | None] = mapped_column(
        doc="the group of 5 answers of its survey and session it counts in (`storage/survey_groups.py`); None: waiting"
    )


class SurveyErased(Base):
    """People who erased their data (/forget) while invited to a survey about a session, per group of 5 answers they
    were in (0: none yet: no answer, or one waiting for the next group), still counted there
    (`storage/survey_totals.py: forgetting`)."""

    __tablename__ = "survey_erased"

    flow_id: Mapped[flow_id] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    answer_group: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, doc="0: in no group yet")
    invited: Mapped[int]
    respondents: Mapped[int] = mapped_column(doc="of them, those who had answered (members of the group)")


class SurveyErasedAnswer(Base):
    """Answers of people erased in one group of 5, per question and value, still counted (no free comment: their
    words are erased with them)."""

    __tablename__ = "survey_erased_answers"

    flow_id: Mapped[flow_id] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    answer_group: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    step_id: Mapped[step_id] = mapped_column(primary_key=True)
    value_key: Mapped[str] = mapped_column(String(64), primary_key=True, doc="SHA-256 of `value`: keys stay short")
    value: Mapped[str] = mapped_column(Text(), doc="the value as stored (JSON text)")
    answers: Mapped[int]


class SurveySession(Base):
    """One session's share of a survey's results, as last added to the monthly totals (`storage/survey_totals.py`)."""

    __tablename__ = "survey_sessions"
    __table_args__ = (
        Index("ix_survey_sessions_flow_kind_starts", "flow_id", "kind", "starts_at", "meeting_id", "counted"),
    )

    flow_id: Mapped[flow_id] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(primary_key=True, doc="no foreign key: the totals forget it themselves")
    kind: Mapped[MeetingKind] = mapped_column(String(32))
    month: Mapped[str] = mapped_column(String(7), doc="YYYY-MM of the session's start, Paris time")
    starts_at: Mapped[timestamp]
    invited: Mapped[int]
    respondents: Mapped[int]
    counted: Mapped[int] = mapped_column(doc="respondents in whole groups of 5: the only ones whose answers count")
    answers: Mapped[dict[str, dict[str, int]]] = mapped_column(
        JSON(), doc="per question, per stored value (JSON text), the answers counted (5 or more per question)"
    )
    given: Mapped[dict[str, int]] = mapped_column(
        JSON(), doc="per question, the answers of the respondents counted (however few: comments)"
    )


class SurveyMonth(Base):
    """A survey's sessions of one kind started in one Paris month, added up (`storage/survey_totals.py`)."""

    __tablename__ = "survey_months"

    flow_id: Mapped[flow_id] = mapped_column(primary_key=True)
    kind: Mapped[MeetingKind] = mapped_column(String(32), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True, doc="YYYY-MM, Paris time")
    invited: Mapped[int]
    respondents: Mapped[int]
    left_out_sessions: Mapped[int] = mapped_column(doc="sessions with respondents but no whole group of 5 (1 to 4)")
    left_out_respondents: Mapped[int]
    counted_sessions: Mapped[int] = mapped_column(doc="sessions with a whole group of 5 respondents or more")
    counted_invited: Mapped[int]
    counted_respondents: Mapped[int] = mapped_column(doc="respondents in whole groups of 5 (storage/survey_groups.py)")
    sessions: Mapped[int] = mapped_column(doc="sessions with at least one invitation")


class SurveyMonthStep(Base):
    """Answers to one question by the respondents counted, per survey, kind and Paris month (comments)."""

    __tablename__ = "survey_month_steps"

    flow_id: Mapped[flow_id] = mapped_column(primary_key=True)
    step_id: Mapped[step_id] = mapped_column(primary_key=True)
    kind: Mapped[MeetingKind] = mapped_column(String(32), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    given: Mapped[int]


class SurveyMonthAnswer(Base):
    """Counted answers of one value to one question, per survey, kind and Paris month (`storage/survey_totals.py`)."""

    __tablename__ = "survey_month_answers"

    flow_id: Mapped[flow_id] = mapped_column(primary_key=True)
    step_id: Mapped[step_id] = mapped_column(primary_key=True)
    kind: Mapped[MeetingKind] = mapped_column(String(32), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    value_key: Mapped[str] = mapped_column(String(64), primary_key=True, doc="SHA-256 of `value`: keys stay short")
    value: Mapped[str] = mapped_column(Text(), doc="the value as stored (JSON text)")
    answers: Mapped[int]


class StaffMember(Base):
    """Someone with a staff role, known by Telegram id: coordinator, facilitator or mediator."""

    __tablename__ = "staff_members"

    id: Mapped[intpk]
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    role: Mapped[StaffRole] = mapped_column(String(16), doc="coordinator, facilitator or mediator")
    added_by: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[timestamp]
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_by: Mapped[str | None] = mapped_column(String(64))
    display_name: Mapped[str | None] = mapped_column(String(80), doc="how the console and people see them")
    telegram_name: Mapped[str | None] = mapped_column(
        String(64), doc="their Telegram first name as last seen (staff only), for colleagues when no display name"
    )


class StaffInvite(Base):
    """A single-use, expiring code a coordinator gives to a new staff member."""

    __tablename__ = "staff_invites"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(32), unique=True)
    role: Mapped[StaffRole] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[timestamp]
    expires_at: Mapped[timestamp]
    used_by: Mapped[int | None] = mapped_column(BigInteger)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MeetingFacilitator(Base):
    """A facilitator who follows a session: its creator (assigned when publishing) or one a coordinator assigned."""

    __tablename__ = "meeting_facilitators"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    assigned_by: Mapped[str] = mapped_column(String(64))
    assigned_at: Mapped[timestamp]


class QuestionFlag(Base):
    """Someone did not understand a question and flagged it for a mediator (anonymous, for better wording)."""

    __tablename__ = "question_flags"
    __table_args__ = (Index("ix_question_flags_flow_step", "flow_id", "step_id"),)

    id: Mapped[intpk]
    flow_id: Mapped[flow_id]
    step_id: Mapped[step_id]
    language: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[timestamp]


class ProcessedUpdate(Base):
    """A Telegram update already handled: one delivered again after a crash, or to another worker, is skipped."""

    __tablename__ = "processed_updates"
    __table_args__ = (Index("ix_processed_updates_person_key", "person_key", "update_id"),)

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[timestamp]
    person_key: Mapped[int | None] = mapped_column(BigInteger)
    """Whose update it was (`storage.updates.person_key`): a typed text older than one already handled is late.

    None for rows older than this column, and once the person is erased."""
    press: Mapped[str | None] = mapped_column(String(32))
    """For a button press, which button on which message (`Inbound.press`, a digest that reveals neither): the same
    press again within seconds is a double tap, shown once. None for anything else."""


class ConsoleLink(Base):
    """A single-use link that opens the staff console, valid ten minutes; only its hash is kept."""

    __tablename__ = "console_links"

    id: Mapped[intpk]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_members.id", ondelete="CASCADE"), doc="None: the server's operator (command line)"
    )
    actor: Mapped[str] = mapped_column(String(64), doc="how the audit log names who uses it")
    created_at: Mapped[timestamp]
    expires_at: Mapped[timestamp]
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ConsoleSession(Base):
    """A staff member signed in to the console: the cookie holds a token whose hash is kept here."""

    __tablename__ = "console_sessions"

    id: Mapped[intpk]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id", ondelete="CASCADE"))
    actor: Mapped[str] = mapped_column(String(64))
    csrf: Mapped[str] = mapped_column(String(64), doc="the token every form of this session carries")
    language: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[timestamp]
    last_seen: Mapped[timestamp]
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SendBudget(Base):
    """Telegram's send budget, shared by every worker: when the next send may start, and any pause after a 429.

    Times are seconds since 1970 by the database's clock; `storage/send_budget.py` explains the design.
    """

    __tablename__ = "send_budget"

    name: Mapped[str] = mapped_column(String(32), primary_key=True, doc='whose budget: "telegram", the bot\'s')
    next_at: Mapped[float] = mapped_column(Double(), doc="start of the first send slot nobody has taken yet")
    paused_until: Mapped[float] = mapped_column(Double(), doc="no send starts before this (Telegram's retry_after)")


class YearMeeting(Base):
    """What one held meeting adds to the yearly report (kept by `storage/year_totals.py`); cancelled ones: no row."""

    __tablename__ = "year_meetings"
    __table_args__ = (Index("ix_year_meetings_year_ends", "year", "ends_at"),)

    meeting_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, doc="no foreign key (see module)")
    year: Mapped[int] = mapped_column(doc="the Paris year the meeting starts in")
    kind: Mapped[str] = mapped_column(String(32))
    day: Mapped[str] = mapped_column(String(10), doc="YYYY-MM-DD, the UTC day the meeting ends")
    ends_at: Mapped[timestamp]
    present: Mapped[int] = mapped_column(doc="registered people marked present (those erased since included)")
    absent: Mapped[int]
    excused: Mapped[int]
    erased_present: Mapped[int] = mapped_column(
        default=0, server_default="0", doc="of `present`, people who erased their data since (/forget)"
    )
    erased_absent: Mapped[int] = mapped_column(default=0, server_default="0")
    erased_excused: Mapped[int] = mapped_column(default=0, server_default="0")
    erased_met: Mapped[int] = mapped_column(
        default=0,
        server_default="0",
        doc="people erased since, counted among the people who came once the meeting is over: those who came to it"
        " and no other meeting of its year, or only to meetings not over yet when erased (and it ends first)",
    )


class YearMark(Base):
    """Someone marked present at a meeting with a `YearMeeting` row (their registration cancelled or not)."""

    __tablename__ = "year_marks"

    meeting_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    person_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)


class YearSession(Base):
    """Held meetings and their registered people's marks per Paris year, kind and UTC day they end."""

    __tablename__ = "year_sessions"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True, doc="YYYY-MM-DD, in UTC")
    meetings: Mapped[int]
    present: Mapped[int]
    absent: Mapped[int]
    excused: Mapped[int]


class YearPerson(Base):
    """How many times a person counts in one yearly figure ("helped": flows finished, "met": present marks)."""

    __tablename__ = "year_people"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    what: Mapped[str] = mapped_column(String(16), primary_key=True, doc="helped or met")
    person_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    n: Mapped[int]


class YearCount(Base):
    """How many people one yearly figure counts: `YearPerson` rows of that year and figure."""

    __tablename__ = "year_counts"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    what: Mapped[str] = mapped_column(String(16), primary_key=True)
    people: Mapped[int] = mapped_column(doc="people counted now (`year_people` rows)")
    erased: Mapped[int] = mapped_column(
        default=0, server_default="0", doc="people counted there who erased their data since (/forget): still counted"
    )


class YearFlow(Base):
    """A flow whose finished responses count people helped individually (rights, screening, request)."""

    __tablename__ = "year_flows"

    flow_id: Mapped[flow_id] = mapped_column(primary_key=True)


def _ids_never_reused() -> tuple[str, ...]:
    """Tables numbered by an `id` column never give a number twice on SQLite, as on PostgreSQL (AUTOINCREMENT).

    Without it SQLite numbers a new row max(id)+1, so a row made after the newest one was deleted (an invitation
    taken back, a person erased) took its number, and with it the old row's queued messages and buttons.
    """
    numbered = []
    for table in Base.metadata.sorted_tables:
        if [column.name for column in table.primary_key.columns] == ["id"]:
            table.dialect_options["sqlite"]["autoincrement"] = True
            numbered.append(table.name)
    return tuple(numbered)


IDS_NEVER_REUSED = _ids_never_reused()
"""The tables whose numbers are never reused (revision 0024 made them so in existing databases)."""
