"""The fixed words stored in status, kind, role and action columns, as types the checker holds code to.

Each column stores these exact strings (no schema change); `Mapped[...]` in `storage/models.py`
uses the types below, so writing a word that is not listed here fails `mypy`.
"""

from __future__ import annotations

from typing import Literal, TypeGuard, get_args

Consent = Literal["accepted", "refused", "anonymous"]
"""A person's answer to the consent question; `anonymous` marks the stubs left by the retention purge."""

RequestStatus = Literal["open", "done", "cancelled"]
"""A call-back request waiting for staff, handled, or withdrawn by the person before anyone called."""

OutboxKind = Literal[
    "renewal_reminder",
    "meeting_confirm",
    "meeting_details",
    "seat_offered",
    "meeting_cancelled",
    "meeting_confirmed",
    "meeting_moved",
    "meeting_relocated",
    "survey_invite",
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
    "read_grid_result",
    "read_callback_request",
    "read_failed_message",
    "retry_message",
    "forget",
    "purge",
    "assign_facilitator",
    "unassign_facilitator",
    "rename_staff",
    "act_on_behalf",
]
"""What a staff member (or a job) did that the audit log keeps."""

ATTENDANCE: tuple[Attendance, ...] = get_args(Attendance)
ROLES: tuple[StaffRole, ...] = get_args(StaffRole)
MEETING_KINDS: tuple[MeetingKind, ...] = get_args(MeetingKind)


def is_attendance(word: str) -> TypeGuard[Attendance]:
    """Whether a word typed or carried by a button is an attendance mark."""
    return word in ATTENDANCE


def is_role(word: str) -> TypeGuard[StaffRole]:
    """Whether a word typed by staff is a role."""
    return word in ROLES
