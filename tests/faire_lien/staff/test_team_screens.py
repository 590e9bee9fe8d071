"""A coordinator's team screens in the bot: the team, the journal, undelivered messages and invitations."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.audit import record
from storage.db import Database
from storage.models import StaffMember
from storage.people import Identity
from storage.staff import active_member, grant, invite, redeem, rename, revoke
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.cases.conftest import talker
from tests.support.records import a_person

COORDINATOR = 501
MEDIATOR = 503


async def test_each_team_screen_leads_back_to_the_staff_area(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    for opening in (["/staff", "press:Équipe"], ["/staff", "press:Journal"], ["/staff", "press:non remis"]):
        for step in opening:
            await marie.do(step)
        assert ["◀ Espace professionnels"] in marie.screen[-1].labels(), opening
        await marie.do("press:◀ Espace professionnels")
        assert marie.screen[-1].text == "Espace professionnels :"
    for command in ("/invite mediator", "/invite"):  # the code made, or how to ask for one
        await marie.do(command)
        await marie.do("press:◀ Espace professionnels")
        assert marie.screen[-1].text == "Espace professionnels :", command


async def test_the_journal_names_colleagues_and_says_paris_time(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await talker(assistant, db, MEDIATOR, "mediator")
    async with db.unit_of_work() as session:
        member = (await session.execute(select(StaffMember).where(StaffMember.telegram_id == MEDIATOR))).scalar_one()
        rename(session, member, "Sami", f"telegram:{COORDINATOR}", NOW)
    await marie.do("/staff")
    await marie.do("press:Journal")
    latest = marie.screen[-1].text.splitlines()[1]
    # 10:00 UTC, Paris winter time; the action in words, never its code
    assert latest == "dim. 22 novembre 11:00 · Telegram 501 · a changé le nom affiché d'un membre de l'équipe"
    assert "telegram:" not in marie.screen[-1].text


async def test_the_journal_names_whom_a_row_was_about_in_the_staff_members_language(
    assistant: Assistant, db: Database
) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    async with db.unit_of_work() as session:
        person = await a_person(session, 601)
        record(session, actor=f"telegram:{COORDINATOR}", action="read_case", at=NOW, person_id=person.id)
    await marie.do("/staff")
    await marie.do("press:Journal")
    assert marie.screen[-1].text.splitlines()[1].endswith(f" · a consulté une demande · personne n° {person.id}")


async def test_a_long_name_keeps_the_revoke_button_within_a_phone(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await talker(assistant, db, MEDIATOR, "mediator")
    async with db.unit_of_work() as session:
        member = (await session.execute(select(StaffMember).where(StaffMember.telegram_id == MEDIATOR))).scalar_one()
        rename(session, member, "Marie-Christine Dupont-Lefebvre de La Tour", f"telegram:{COORDINATOR}", NOW)
    await marie.do("/staff")
    await marie.do("press:Équipe")
    (revoke,) = [row[0] for row in marie.screen[-1].labels() if row[0].startswith("Retirer")]
    assert revoke == "Retirer le rôle de Marie-Christine Dupo…"
    assert len(revoke) <= 40


async def test_the_journal_says_actions_in_the_staff_members_language_and_an_unknown_one_neutrally(
    assistant: Assistant, db: Database
) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    async with db.unit_of_work() as session:
        record(session, actor=f"telegram:{COORDINATOR}", action="read_roster", at=NOW, detail={"meeting": 12})
        record(session, actor=f"telegram:{COORDINATOR}", action="gone_action", at=NOW)  # type: ignore[arg-type]
    await marie.do("/staff")
    await marie.do("press:Journal")
    lines = marie.screen[-1].text.splitlines()
    assert lines[1:3] == [
        "dim. 22 novembre 11:00 · Telegram 501 · a fait une action que cette version ne nomme pas (gone_action)",
        "dim. 22 novembre 11:00 · Telegram 501 · a consulté la liste des inscrits",
    ]
    await marie.do("raw:setlang:en")
    await marie.do("/staff")
    await marie.do("press:🧾")
    assert "Telegram 501 · viewed the list of registered people" in marie.screen[-1].text
    assert "read_roster" not in marie.screen[-1].text


async def test_the_team_says_since_when_as_the_staff_members_language_writes_a_day_in_paris(
    assistant: Assistant, db: Database
) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await talker(assistant, db, MEDIATOR, "mediator")
    async with db.unit_of_work() as session:
        await grant(
            session, MEDIATOR, "mediator", "test", NOW.replace(hour=23, minute=30)
        )  # 00:30 the next day in Paris
    await marie.do("/staff")
    await marie.do("press:Équipe")
    assert marie.screen[-1].text.splitlines()[1:] == [
        "• Telegram 501 — coordinatrice ou coordinateur (22 nov. 2026)",
        "• Telegram 503 — médiatrice ou médiateur (23 nov. 2026)",
    ]
    await marie.do("raw:setlang:en")
    await marie.do(f"raw:{routes.STAFF_TEAM.data()}")
    assert "• Telegram 503 — mediator (Nov 23, 2026)" in marie.screen[-1].text.splitlines()


async def test_the_team_and_the_journal_read_right_to_left_in_arabic(assistant: Assistant, db: Database) -> None:
    """Each line opens on « Telegram 501 » or a date (left-to-right or neutral): it starts with a right-to-left mark, so
    that an Arabic reader's phone lays out the line, its role and its date from the right."""
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await talker(assistant, db, MEDIATOR, "mediator")
    await marie.do("raw:setlang:ar")
    for route in (routes.STAFF_TEAM, routes.STAFF_AUDIT):
        await marie.do(f"raw:{route.data()}")
        lines = marie.screen[-1].text.splitlines()
        assert len(lines) >= 2 and all(line.startswith("\u200f") for line in lines if line), (route, lines)


async def sami(assistant: Assistant, db: Database) -> Talker:
    """Sami (503), a mediator the team knows by name."""
    person = await talker(assistant, db, MEDIATOR, "mediator")
    async with db.unit_of_work() as session:
        member = await active_member(session, MEDIATOR)
        assert member is not None
        rename(session, member, "Sami", f"telegram:{COORDINATOR}", NOW)
    return person


async def role_of_sami(db: Database) -> str | None:
    async with db.unit_of_work() as session:
        member = await active_member(session, MEDIATOR)
        return member.role if member is not None else None


async def test_revoking_asks_first_and_no_leads_back_to_the_team(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await sami(assistant, db)
    await marie.do("/staff")
    await marie.do("press:Équipe")
    await marie.do("press:Retirer le rôle de Sami")
    assert [(r.text, r.labels()) for r in marie.screen] == [
        ("Retirer le rôle de Sami (médiatrice ou médiateur) ?", [["✅ Oui, retirer"], ["◀ Non, revenir à l'équipe"]])
    ]
    assert await role_of_sami(db) == "mediator"  # asking takes nothing away
    await marie.do("press:Non, revenir")
    assert marie.screen[-1].text.splitlines()[0] == "Équipe :"
    assert "• Sami (Telegram 503) — médiatrice ou médiateur (22 nov. 2026)" in marie.screen[-1].text
    await marie.do("press:Retirer le rôle de Sami")
    await marie.do("press:Oui, retirer")
    assert marie.screen[0].text == "Rôle retiré."
    assert "Sami" not in marie.screen[-1].text and marie.screen[-1].text.startswith("Équipe :")
    assert await role_of_sami(db) is None
    await marie.do("/staff")
    await marie.do("press:Journal")
    assert marie.screen[-1].text.splitlines()[1] == (
        "dim. 22 novembre 11:00 · Telegram 501 · a retiré son rôle (médiatrice ou médiateur) à Sami (Telegram 503)"
    )


async def test_an_old_revoke_button_in_a_chat_now_asks_first(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await sami(assistant, db)
    await marie.do(f"raw:rv:{MEDIATOR}")  # as pressed under a team list sent before revoking asked
    assert marie.screen[-1].text == "Retirer le rôle de Sami (médiatrice ou médiateur) ?"
    assert await role_of_sami(db) == "mediator"


async def test_a_confirmation_shown_before_the_role_was_given_again_takes_nothing_away(
    assistant: Assistant, db: Database
) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await sami(assistant, db)
    await marie.do(f"raw:rv:{MEDIATOR}")
    yes = marie.action("Oui, retirer")
    async with db.unit_of_work() as session:  # meanwhile, in the console: revoked, then invited back as facilitator
        await revoke(session, MEDIATOR, "console:alice", NOW)
        await grant(session, MEDIATOR, "facilitator", "console:alice", NOW + timedelta(minutes=5))
    await marie.send("action", yes)
    assert marie.screen[0].text == (
        "L'équipe a changé depuis cette question : aucun rôle n'a été retiré. Voici l'équipe à jour."
    )
    assert "• Sami (Telegram 503) — animatrice ou animateur (22 nov. 2026)" in marie.screen[-1].text
    assert await role_of_sami(db) == "facilitator"


async def test_the_last_coordinators_role_is_refused_with_the_way_back(assistant: Assistant, db: Database) -> None:
    await talker(assistant, db, COORDINATOR, "coordinator")
    server = Talker(assistant, db, who=Identity(terminal_user="alice"))  # the terminal chat acts as coordinator
    for step in ("/start", "press:Français", "press:J'accepte", f"raw:rv:{COORDINATOR}"):
        await server.do(step)
    assert server.screen[-1].text == "Retirer le rôle de Telegram 501 (coordinatrice ou coordinateur) ?"
    await server.do("press:Oui, retirer")
    assert [(r.text, r.labels()) for r in server.screen] == [
        (
            "C'est la dernière coordinatrice ou le dernier coordinateur : donnez d'abord ce rôle à quelqu'un "
            "d'autre, pour que l'équipe puisse toujours être gérée. Le rôle n'a pas été retiré.",
            [["◀ Revenir à l'équipe"], ["◀ Espace professionnels"], ["☰ Menu"]],
        )
    ]
    async with db.unit_of_work() as session:
        assert await active_member(session, COORDINATOR) is not None
    await server.do("press:Revenir à l'équipe")
    assert server.screen[-1].text.startswith("Équipe :\n• Telegram 501 — coordinatrice ou coordinateur")


async def test_ones_own_role_is_refused_in_the_staff_members_language(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await make_staff(db, 502, "coordinator")
    await marie.do(f"raw:rv:{COORDINATOR}")  # an old team list never offered it, but a forwarded one could
    await marie.do("press:Oui, retirer")
    assert marie.screen[-1].text.startswith("Vous ne pouvez pas retirer votre propre rôle")
    await marie.do("raw:setlang:en")
    await marie.do(f"raw:rv:{COORDINATOR}")
    await marie.do("press:✅")
    assert marie.screen[-1].text.startswith("You cannot remove your own role")
    async with db.unit_of_work() as session:
        assert await active_member(session, COORDINATOR) is not None


async def test_only_coordinators_may_confirm_a_revocation(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    mediator = await sami(assistant, db)
    await marie.do(f"raw:rv:{MEDIATOR}")
    await mediator.send("action", marie.action("Oui, retirer"))
    assert "Rôle retiré." not in [r.text for r in mediator.screen]
    assert await role_of_sami(db) == "mediator"


async def test_look_alike_names_get_revoke_buttons_told_apart_by_their_telegram_numbers(
    assistant: Assistant, db: Database
) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    names = {
        71234: "Camille",
        81234: "Camille",  # the same name: four digits are not enough to tell them apart
        70503: "Marie-Christine Dupont-Lefebvre de La Tour",
        90503: "Marie-Christine Dupont-Lefebvre de Saint-Ouen",  # alike once cut to a phone's width
        60000: "Sami",
    }
    for telegram_id, name in names.items():
        await make_staff(db, telegram_id, "mediator")
        async with db.unit_of_work() as session:
            member = await active_member(session, telegram_id)
            assert member is not None
            rename(session, member, name, f"telegram:{COORDINATOR}", NOW)
    await marie.do("/staff")
    await marie.do("press:Équipe")
    buttons = {row[0].action: row[0].label for row in marie.screen[-1].buttons if row[0].label.startswith("Retirer")}
    assert buttons == {
        "rv:60000": "Retirer le rôle de Sami",  # a name of its own keeps its plain label
        "rv:70503": "Retirer le rôle de Marie-Chris… (…70503)",  # both end in 0503: one more digit tells them apart
        "rv:71234": "Retirer le rôle de Camille (…71234)",
        "rv:81234": "Retirer le rôle de Camille (…81234)",
        "rv:90503": "Retirer le rôle de Marie-Chris… (…90503)",
    }
    assert all(len(label) <= 40 for label in buttons.values())


async def test_the_journal_names_whose_role_was_given_taken_or_joined_with_an_invitation(
    assistant: Assistant, db: Database
) -> None:
    """Each line names the staff member concerned as the team list does: « Sami (Telegram 503) », or the number
    alone while no name is known; a new colleague joining with an invitation opens the line."""
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await sami(assistant, db)
    async with db.unit_of_work() as session:
        code = await invite(session, "mediator", f"telegram:{COORDINATOR}", NOW)
        assert await redeem(session, code.code, 504, NOW + timedelta(minutes=1)) == "mediator"
        await grant(session, MEDIATOR, "facilitator", f"telegram:{COORDINATOR}", NOW + timedelta(minutes=2))
        await revoke(session, 504, f"telegram:{COORDINATOR}", NOW + timedelta(minutes=3))
    await marie.do("/staff")
    await marie.do("press:Journal")
    assert marie.screen[-1].text.splitlines()[1:5] == [
        "dim. 22 novembre 11:03 · Telegram 501 · a retiré son rôle (médiatrice ou médiateur) à Telegram 504",
        "dim. 22 novembre 11:02 · Telegram 501 · a donné le rôle « animatrice ou animateur » à Sami (Telegram 503)",
        "dim. 22 novembre 11:01 · Telegram 504 · a rejoint l'équipe (médiatrice ou médiateur) avec une invitation "
        "de Telegram 501",
        "dim. 22 novembre 11:00 · Telegram 501 · a créé une invitation",
    ]
    assert "invite:" not in marie.screen[-1].text
    await marie.do("raw:setlang:en")
    await marie.do(f"raw:{routes.STAFF_AUDIT.data()}")
    lines = [line.split(" · ", 1)[1] for line in marie.screen[-1].text.splitlines()[1:4]]
    assert lines == [
        "Telegram 501 · took the role (mediator) away from Telegram 504",
        "Telegram 501 · gave the role “facilitator” to Sami (Telegram 503)",
        "Telegram 504 · joined the team (mediator) with an invitation from Telegram 501",
    ]


async def test_the_journal_says_an_export_with_nothing_to_give_was_asked_for(
    assistant: Assistant, db: Database
) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    async with db.unit_of_work() as session:
        empty = {"survey": "hot_evaluation", "meeting": 12, "format": "csv", "via": "console"}
        record(session, actor=f"telegram:{COORDINATOR}", action="export_survey_nothing", at=NOW, detail=empty)
    await marie.do("/staff")
    await marie.do("press:Journal")
    assert marie.screen[-1].text.splitlines()[1] == (
        "dim. 22 novembre 11:00 · Telegram 501 · a demandé un export des résultats d'un questionnaire : "
        "rien à exporter, aucun fichier donné"
    )
    assert "a exporté" not in marie.screen[-1].text
