"""Issue 15, item 12: a facilitator follows, marks and polls only the sessions they published or are assigned to.

Coordinators follow every session and assign facilitators. The rule lives in the sessions service, so
the bot's /staff screens and the command line obey it alike.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.meetings import register
from storage.models import AuditEntry, Meeting, OutboxMessage, Registration, SurveyInvitation
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.cli import RunCli
from tests.support.clock import Clock
from tests.support.db import rows
from tests.support.records import a_meeting, a_person

COORDINATOR, ANNE, BRUNO, MEDIATOR, PERSON = 1, 2, 3, 4, 10
NOT_YOURS = "Cette rencontre ne fait pas partie des vôtres"
BRUNOS_START = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
"""Bruno's session starts on 3 December 2026 at 10:00 in Paris."""
PUBLISH = [
    "press:Publier",
    "press:Réunion d'information",
    "type:Atelier d'Anne",
    "type:01/12/2026",
    "type:14h00",
    "press:2 heures",
    "type:CPAM Poitiers",
    "type:41 rue Touffenet, 86000 Poitiers",
    "type:10",
    "press:Passer",
]


async def staff_member(
    assistant: Assistant, db: Database, telegram_id: int, role: str, first_name: str | None = None
) -> Talker:
    """A staff member who has opened the bot (with this Telegram first name)."""
    await make_staff(db, telegram_id, role)
    talker = Talker(assistant, db, who=Identity(telegram_id=telegram_id), first_name=first_name)
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    return talker


async def brunos_session(db: Database, run_cli: RunCli) -> tuple[int, int]:
    """Bruno publishes a session from the command line; someone registers; the session and registration numbers.

    The command line publishes it at the tests' NOW (22 November 2026): it refuses a start that has passed.
    """
    with pytest.MonkeyPatch.context() as clock:
        clock.setattr("cli.sessions.utcnow", lambda: NOW)
        published = _add_brunos_session(db, run_cli)
    meeting_id = int(published.split()[1])
    async with db.unit_of_work() as session:
        person = await a_person(session, PERSON)
        booking = await register(session, meeting_id, person.id, NOW)
        assert booking.registration is not None
        return meeting_id, booking.registration.id


def _add_brunos_session(db: Database, run_cli: RunCli) -> str:
    """`sessions add` of Bruno's caregivers' group (3 December 2026, 10:00 in Paris); what it printed."""
    return run_cli(
        "sessions",
        "add",
        "--kind",
        "caregivers",
        "--title",
        "Groupe de Bruno",
        "--start",
        "2026-12-03 10:00",
        "--end",
        "12:00",
        "--place",
        "CCAS",
        "--address",
        "1 place du Marché, 86000 Poitiers",
        "--capacity",
        "8",
        "--staff",
        f"telegram:{BRUNO}",
        env={"DATABASE_URL": db.url},
    ).check()


def session_labels(talker: Talker) -> list[str]:
    """The sessions listed on the staff member's screen."""
    return [label for row in talker.screen[-1].labels() for label in row if "·" in label]


async def test_item_12_facilitator_sees_only_own_sessions_in_the_bot(
    flows: dict[str, Flow], db: Database, run_cli: RunCli
) -> None:
    clock = Clock()
    assistant = Assistant(
        {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")},
        available_languages(),
        clock=clock,
    )
    coordinator = await staff_member(assistant, db, COORDINATOR, "coordinator")
    anne = await staff_member(assistant, db, ANNE, "facilitator", first_name="Anne")
    await make_staff(db, BRUNO, "facilitator")
    theirs, registration_id = await brunos_session(db, run_cli)
    await anne.do("/staff")
    for step in PUBLISH:  # Anne publishes her own session in the bot
        await anne.do(step)

    await anne.do("/staff")
    await anne.do("press:Suivre")
    assert len(session_labels(anne)) == 1 and "Atelier d'Anne" in session_labels(anne)[0]
    await anne.do("press:Atelier d'Anne")
    assert "Suivie par : Anne" in anne.screen[0].text  # her Telegram first name, kept as she used the bot as staff
    assert not any("Confier" in label for row in anne.screen[0].labels() for label in row)  # coordinators only

    for forged in (f"sm:{theirs}", f"att:{registration_id}:present", f"poll:{theirs}", f"res:{theirs}"):
        await anne.do(f"raw:{forged}")  # an old button, or one for someone else's session
        assert anne.screen[0].text.startswith(NOT_YOURS), forged
        assert [label for label in session_labels(anne) if "Groupe de Bruno" in label] == []
    (registration,) = [r for r in await rows(db, Registration) if r.id == registration_id]
    assert registration.attendance is None
    assert await rows(db, SurveyInvitation) == []
    assert [a.action for a in await rows(db, AuditEntry) if a.actor == f"telegram:{ANNE}"] == ["read_roster"]

    await coordinator.do("/staff")
    await coordinator.do("press:Suivre")
    assert len(session_labels(coordinator)) == 2  # coordinators follow every session
    await coordinator.do("press:Groupe de Bruno")
    assert f"Suivie par : Telegram {BRUNO}" in coordinator.screen[0].text  # Bruno never used the bot: no name yet
    await coordinator.do("press:Confier")
    await coordinator.do("press:➕ Anne")
    assert [label for row in coordinator.screen[0].labels() for label in row][:2] == ["✅ Anne", f"✅ Telegram {BRUNO}"]
    audit = [(a.actor, a.action, a.detail) for a in await rows(db, AuditEntry) if "assign" in a.action]
    assert audit == [(f"telegram:{COORDINATOR}", "assign_facilitator", {"meeting": theirs, "telegram_id": ANNE})]
    await coordinator.do("/staff")
    await coordinator.do("press:Équipe")  # the team: each colleague by name, the number beside it to tell them apart
    team = coordinator.screen[0]
    assert f"• Anne (Telegram {ANNE}) — " in team.text and f"• Telegram {BRUNO} — " in team.text
    assert ["Retirer le rôle de Anne"] in team.labels() and [f"Retirer le rôle de Telegram {BRUNO}"] in team.labels()

    await anne.do("/staff")
    await anne.do("press:Suivre")
    assert len(session_labels(anne)) == 2  # now assigned to Bruno's session too
    clock.now = BRUNOS_START  # check-in opens an hour before the start
    await anne.do(f"raw:att:{registration_id}:present")
    assert "Présences — présent·es : 1" in anne.screen[0].text


async def test_item_12_facilitator_sees_only_own_sessions_on_the_command_line(
    db: Database, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"DATABASE_URL": db.url}
    monkeypatch.setattr("cli.sessions.utcnow", lambda: NOW)  # the tests' day: Bruno's session is still to come
    for telegram_id, role in ((ANNE, "facilitator"), (BRUNO, "facilitator"), (MEDIATOR, "mediator")):
        await make_staff(db, telegram_id, role)
    theirs, registration_id = await brunos_session(db, run_cli)
    async with db.unit_of_work() as session:
        mine = (await a_meeting(session, NOW + timedelta(days=12), title={"fr": "Atelier d'Anne"})).id
    assert (
        run_cli("sessions", "assign", str(mine), str(ANNE), env=env).check().strip()
        == f"{ANNE} now follows session {mine}"
    )

    def as_anne(*args: str) -> tuple[int, str]:
        done = run_cli(*args, "--staff", f"telegram:{ANNE}", env=env)
        return done.code, done.stdout.strip()

    code, listing = as_anne("sessions", "list")
    assert code == 0 and "Atelier d'Anne" in listing and "Groupe de Bruno" not in listing
    refusal = f"session {theirs} is not one of yours"
    for command in (
        ("sessions", "roster", str(theirs)),
        ("sessions", "attend", str(registration_id), "present"),
        ("sessions", "poll", str(theirs)),
        ("surveys", "results", "--meeting", str(theirs)),
    ):
        code, said = as_anne(*command)
        assert (code, said.startswith(refusal)) == (1, True), command
    code, said = as_anne("sessions", "assign", str(theirs), str(ANNE))
    assert (code, said) == (1, f"telegram:{ANNE} (facilitator) may not assign")
    assert (await rows(db, Registration))[0].attendance is None
    mediator = run_cli("sessions", "list", "--staff", str(MEDIATOR), env=env)
    assert (mediator.code, mediator.stdout.strip()) == (1, f"telegram:{MEDIATOR} (mediator) may not follow")
    stranger = run_cli("sessions", "list", "--staff", "telegram:99", env=env)
    assert stranger.code == 1 and "no active staff member" in stranger.stdout

    both = run_cli("sessions", "list", env=env).check()  # the server's operator acts as a coordinator
    assert "Atelier d'Anne" in both and "Groupe de Bruno" in both
    assert run_cli("sessions", "assign", str(theirs), str(ANNE), env=env).code == 0
    code, listing = as_anne("sessions", "list")
    assert "Groupe de Bruno" in listing
    monkeypatch.setattr("cli.sessions.utcnow", lambda: BRUNOS_START)  # check-in opens an hour before the start
    assert as_anne("sessions", "attend", str(registration_id), "present") == (0, "attendance saved")
    unassigned = run_cli("sessions", "unassign", str(theirs), str(ANNE), "--staff", "camille", env=env).check()
    assert unassigned.strip() == f"{ANNE} no longer follows session {theirs}"
    assert as_anne("sessions", "roster", str(theirs))[0] == 1
    audit = [(a.actor, a.action) for a in await rows(db, AuditEntry) if "assign" in a.action]
    assert audit[-1] == ("camille", "unassign_facilitator")


async def test_a_facilitator_cancels_or_moves_only_own_sessions_on_the_command_line(
    db: Database, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sessions cancel|move --staff telegram:ID` is checked as the console checks it: Anne may not cancel nor move
    Bruno's session (« session N is not one of yours », nothing changes, nobody is told); Bruno moves then cancels it,
    each leaving the audit row the console leaves (before: `--staff` was refused as an unknown argument, and the
    command, run by anyone, moved or cancelled any session with no audit row)."""
    env = {"DATABASE_URL": db.url}
    for telegram_id, role in ((ANNE, "facilitator"), (BRUNO, "facilitator")):
        await make_staff(db, telegram_id, role)
    theirs, _registration = await brunos_session(db, run_cli)
    monkeypatch.setattr("cli.sessions.utcnow", lambda: NOW)
    move = ("sessions", "move", str(theirs), "--start", "2026-12-10 10:00", "--end", "12:00")
    for command in (("sessions", "cancel", str(theirs)), move):
        done = run_cli(*command, "--staff", f"telegram:{ANNE}", env=env)
        assert (done.code, done.stdout.strip().startswith(f"session {theirs} is not one of yours")) == (1, True)
    assert [(m.status, m.starts_at) for m in await rows(db, Meeting)] == [("scheduled", BRUNOS_START)]
    assert [m.kind for m in await rows(db, OutboxMessage) if m.kind.startswith("meeting_")] == []

    moved = run_cli(*move, "--staff", f"telegram:{BRUNO}", env=env).check()
    assert moved.strip() == f"session {theirs} moved; 1 person(s) will be told"
    cancelled = run_cli("sessions", "cancel", str(theirs), "--staff", f"telegram:{BRUNO}", env=env).check()
    assert cancelled.strip() == f"session {theirs} cancelled; 1 person(s) will be told"
    audit = [(a.actor, a.action, a.detail) for a in await rows(db, AuditEntry) if a.action.endswith("_session")]
    assert audit == [
        (
            f"telegram:{BRUNO}",
            "move_session",
            {"meeting": theirs, "from": "2026-12-03T09:00:00+00:00", "to": "2026-12-10T09:00:00+00:00", "told": 1},
        ),
        (f"telegram:{BRUNO}", "cancel_session", {"meeting": theirs, "told": 1}),
    ]
