"""The fixed words stored in status, kind, role and action columns, as types the checker holds code to.

Each column stores these exact strings (no schema change); `Mapped[...]` in `storage/models.py`
uses the types below, so writing a word that is not listed here fails `mypy`.
"""

from __future__ import annotations

from typing import Literal, TypeGuard, get_args

Consent = Literal["accepted", "refused", "anonymous"]
"""A person's answer to the consent question; `anonymous` marks the stubs left by the retention purge."""

CaseKind = Literal["callback", "help", "facilitator", "undelivered"]
"""Why a person needs a human: a call-back request, "ask a person" from a question, a meeting with the
facilitator before a group, or a message the bot could not deliver."""

CaseStatus = Literal["new", "claimed", "waiting", "closed"]
"""Nobody holds it yet, a staff member holds it, the staff member wrote and waits for the person, or closed."""

CaseOutcome = Literal["helped", "referred", "unreachable", "not_needed", "withdrawn", "forgotten"]
"""How a case ended: the person was helped, sent to the right service, could not be reached, needed
nothing after all, withdrew it, or (purge only) it was erased with the person."""

CaseAuthor = Literal["person", "staff", "system"]
"""Who wrote a line of a case's conversation."""

OutboxKind = Literal[
    "renewal_reminder",
    "meeting_confirm",
    "meeting_details",
    "seat_offered",
    "offer_lapsed",
    "offer_lost",
    "meeting_cancelled",
    "meeting_confirmed",
    "meeting_moved",
    "meeting_relocated",
    "survey_invite",
    "case_notice",
    "case_message",
    "case_reply",
    "case_closed",
]
"""What a queued message is: each kind has its renderer in `faire_lien/outbox/`."""

OutboxStatus = Literal["pending", "sending", "sent", "cancelled", "failed", "uncertain"]
"""Where a queued message is: waiting, claimed by a sender, gone out, withdrawn, given up, or uncertain.

"uncertain": the request left but its outcome is unknown (no answer, connection cut, a 5xx, a crash
while sending). It may have reached the person, so it is never sent again but by staff
(`faire-lien outbox retry ID`)."""

MeetingKind = Literal["info_meeting", "prev_emploi", "caregivers", "expression", "prevention_course", "checkup"]
"""The kinds of collective session and the health check-up."""

MeetingStatus = Literal["scheduled", "cancelled"]
"""A meeting still on, or cancelled by staff."""

RegistrationStatus = Literal["registered", "waiting", "offered", "cancelled"]
"""Holding a seat, on the waiting list, offered a freed seat, or no longer coming."""

Attendance = Literal["present", "absent", "excused"]
"""What staff marked for a registered person after the meeting."""

AnsweredBy = Literal["person", "mediator"]
"""Who gave a grid's answers: the person, or a mediator for them."""

InvitationStatus = Literal["invited", "sent", "unreachable", "answered"]
"""How a survey invitation is going, for the facilitator."""

StaffRole = Literal["coordinator", "facilitator", "mediator"]
"""The staff roles; what each may do is in `faire_lien/core/roles.py`."""

AuditAction = Literal[
    "grant_role",
    "revoke_role",
    "create_invite",
    "read_roster",
    "mark_attendance",
    "read_survey_results",
    "read_yearly_report",
    "export_survey_results",
    "export_yearly_report",
    "export_survey_nothing",
    "read_grid_result",
    "read_callback_request",
    "read_failed_message",
    "retry_message",
    "forget",
    "purge",
    "assign_facilitator",
    "unassign_facilitator",
    "cancel_session",
    "move_session",
    "rename_staff",
    "act_on_behalf",
    "read_case",
    "take_case",
    "write_case",
    "close_case",
]
"""What a staff member (or a job) did that the audit log keeps."""

ATTENDANCE: tuple[Attendance, ...] = get_args(Attendance)
ROLES: tuple[StaffRole, ...] = get_args(StaffRole)
CASE_KINDS: tuple[CaseKind, ...] = get_args(CaseKind)
CASE_OUTCOMES: tuple[CaseOutcome, ...] = get_args(CaseOutcome)
MEETING_KINDS: tuple[MeetingKind, ...] = get_args(MeetingKind)


def is_attendance(word: str) -> TypeGuard[Attendance]:
    """Whether a word typed or carried by a button is an attendance mark."""
    return word in ATTENDANCE


def is_staff_outcome(word: str) -> TypeGuard[CaseOutcome]:
    """Whether a word carried by a button is an outcome staff close a case with."""
    return word in ("helped", "referred", "unreachable", "not_needed")


def is_role(word: str) -> TypeGuard[StaffRole]:
    """Whether a word typed by staff is a role."""
    return word in ROLES
