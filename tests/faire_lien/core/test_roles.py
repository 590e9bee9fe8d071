"""Every staff command and button, called as each role: allowed ones work, others look unknown or stale."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from faire_lien.assistant import Assistant
from faire_lien.core.roles import PERMISSIONS
from storage.db import Database
from storage.meetings import register
from storage.models import StaffInvite, StaffMember
from storage.people import Identity, find_person
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.cli import RunCli
from tests.support.records import a_meeting

ROLES = [None, "mediator", "facilitator", "coordinator"]
UNKNOWN = "Je ne connais pas cette commande."
STALE = "Ce bouton n'est plus valide."


async def consented(assistant: Assistant, db: Database, telegram_id: int) -> Talker:
    talker = Talker(assistant, db, who=Identity(telegram_id=telegram_id))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    return talker


async def setup_meeting(db: Database, person_telegram_id: int) -> tuple[int, int]:
    async with db.unit_of_work() as session:
        meeting = await a_meeting(
            session,
            NOW + timedelta(days=3),
            kind="info_meeting",
            title={"fr": "Réunion"},
            place="CPAM",
            address="1 rue X, 86000 Poitiers",
            capacity=5,
        )
        person = await find_person(session, Identity(telegram_id=person_telegram_id))
        assert person is not None
        booking = await register(session, meeting.id, person.id, NOW)
        assert booking.registration is not None
        return meeting.id, booking.registration.id


@pytest.mark.parametrize("role", ROLES)
async def test_role_permissions_for_every_staff_command_and_button(
    role: str | None, assistant: Assistant, db: Database
) -> None:
    member = await consented(assistant, db, 500)
    other = await consented(assistant, db, 501)
    if role:
        await make_staff(db, 500, role)
    await make_staff(db, 502, "mediator")
    meeting_id, registration_id = await setup_meeting(db, 501)
    assert other.screen

    def allowed(permission: str) -> bool:
        return role is not None and role in PERMISSIONS[permission]

    await member.do("/staff")
    assert member.screen[0].text.startswith("Espace professionnels") == allowed("menu")
    assert member.screen[0].text.startswith(UNKNOWN) != allowed("menu")
    await member.do("/invite facilitator")
    assert member.screen[0].text.startswith("Code d'invitation") == allowed("invite")
    assert member.screen[0].text.startswith(UNKNOWN) != allowed("invite")
    buttons = {
        "st:list": "follow",
        "st:grids": "grids",
        "st:team": "team",
        "st:audit": "audit",
        f"sm:{meeting_id}": "follow",
        f"poll:{meeting_id}": "follow",
        f"res:{meeting_id}": "follow",
        f"att:{registration_id}:excused": "follow",
        "rep:2026": "report",
        "obo:epices:ask": "grids",
        "go:publish_session": "publish",
        "rv:502": "team",
    }
    for action, permission in buttons.items():
        await member.do(f"raw:{action}")
        refused = member.screen[0].text.startswith(STALE)
        assert refused != allowed(permission), f"{role} pressing {action}"


async def test_an_invitation_opened_in_the_terminal_chat_stays_for_a_telegram_account(
    assistant: Assistant, db: Database
) -> None:
    """The terminal chat has no Telegram account (and acts as the server's coordinator): the code is not used up, no
    staff member « Telegram 0 » is made, and a Telegram account redeems it afterwards."""
    coordinator = await consented(assistant, db, 600)
    await make_staff(db, 600, "coordinator")
    await coordinator.do("/invite mediator")
    code = re.search(r"/start inv_(\S+)", coordinator.screen[0].text)
    assert code is not None
    terminal = Talker(assistant, db, who=Identity(terminal_user="drill"))
    for step in ("/start", "press:Français", "press:J'accepte", f"/start inv_{code.group(1)}"):
        await terminal.do(step)
    assert terminal.screen[0].text.startswith(
        "Une invitation s'utilise depuis un compte Telegram : le code reste valable."
    ), terminal.screen[0].text
    async with db.unit_of_work() as session:
        assert [m.telegram_id for m in (await session.execute(select(StaffMember))).scalars()] == [600]
    newcomer = await consented(assistant, db, 601)
    await newcomer.do(f"/start inv_{code.group(1)}")
    assert newcomer.screen[0].text.startswith("Bienvenue dans l'équipe : vous êtes médiatrice ou médiateur.")


async def test_role_invite_codes_are_single_use_and_expire(assistant: Assistant, db: Database) -> None:
    coordinator = await consented(assistant, db, 600)
    await make_staff(db, 600, "coordinator")
    await coordinator.do("/invite mediator")
    code = re.search(r"/start inv_(\S+)", coordinator.screen[0].text)
    assert code is not None
    newcomer = await consented(assistant, db, 601)
    await newcomer.do(f"/start inv_{code.group(1)}")
    assert newcomer.screen[0].text.startswith("Bienvenue dans l'équipe : vous êtes médiatrice ou médiateur.")
    await newcomer.do("/staff")
    assert newcomer.screen[0].labels()[:2] == [["📥 Demandes des personnes"], ["📝 Questionnaire avec une personne"]]
    late = await consented(assistant, db, 602)
    await late.do(f"/start inv_{code.group(1)}")  # already used
    assert late.screen[0].text.startswith("Ce code d'invitation n'est pas valable")
    await coordinator.do("/invite facilitator")
    second = re.search(r"/start inv_(\S+)", coordinator.screen[0].text)
    assert second is not None
    async with db.unit_of_work() as session:
        from sqlalchemy import update

        await session.execute(update(StaffInvite).values(expires_at=NOW - timedelta(seconds=1)))
    await late.do(f"/start inv_{second.group(1)}")  # expired
    assert late.screen[0].text.startswith("Ce code d'invitation n'est pas valable")
    await coordinator.do("raw:rv:601")
    await coordinator.do("press:Oui, retirer")
    assert coordinator.screen[0].text == "Rôle retiré."
    await newcomer.do("/staff")
    assert newcomer.screen[0].text.startswith(UNKNOWN)


async def test_role_command_line_add_list_revoke(db: Database, run_cli: RunCli) -> None:
    env = {"DATABASE_URL": db.url}
    assert run_cli("staff", "add-coordinator", "700", env=env).stdout.strip() == "700 is now a coordinator"
    assert "700 coordinator since" in run_cli("staff", "list", env=env).stdout
    assert run_cli("staff", "revoke", "700", env=env).stdout.strip() == "role revoked"
    assert "0 staff member(s)" in run_cli("staff", "list", env=env).stdout
    audit = run_cli("audit", env=env).stdout
    assert "a donné le rôle « coordinatrice ou coordinateur » à Telegram 700\n" in audit
    assert "a retiré son rôle (coordinatrice ou coordinateur) à Telegram 700\n" in audit
