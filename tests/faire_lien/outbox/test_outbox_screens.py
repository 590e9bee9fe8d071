"""Staff in the bot (/staff → 📮): failed and uncertain messages, what each means, sending one again (audited)."""

from __future__ import annotations

from datetime import timedelta

from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import AuditEntry, OutboxMessage, Registration
from storage.outbox import give_up_interrupted, schedule
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.db import rows
from tests.support.records import a_meeting, a_person

STAFF_ID = 19


async def follow_up(db: Database) -> tuple[int, int]:
    """A reminder a crash cut while sending (uncertain) and one the person blocked (failed)."""
    async with db.unit_of_work() as session:
        person = (await a_person(session, 77)).id
        meeting = await a_meeting(session)
        booked = Registration(
            meeting_id=meeting.id,
            person_id=person,
            status="registered",
            code="K7P2QX",
            created_at=NOW,
            updated_at=NOW,
        )
        session.add(booked)
        await session.flush()
        cut, _ = await schedule(session, person, kind="renewal_reminder", due_at=NOW, payload={}, key="c", now=NOW)
        due = NOW - timedelta(hours=1)
        about = {"registration": booked.id}
        blocked, _ = await schedule(
            session, person, kind="meeting_details", due_at=due, payload=about, key="b", now=NOW
        )
        cut.status = "sending"
        blocked.status, blocked.last_error = "failed", "the person blocked the bot"
        await session.flush()
        await give_up_interrupted(session)
        return cut.id, blocked.id


async def test_item_3_staff_see_uncertain_messages_and_send_one_again_only_after_checking(
    flows: dict[str, Flow], db: Database
) -> None:
    cut, blocked = await follow_up(db)
    assistant = Assistant(flows, available_languages(), clock=lambda: NOW)
    staff = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    facilitator = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID + 1))
    await make_staff(db, STAFF_ID, "coordinator")
    await make_staff(db, STAFF_ID + 1, "facilitator")
    for talker in (staff, facilitator):
        for step in ["/start", "press:Français", "press:J'accepte", "/staff"]:
            await talker.do(step)
    assert all("Messages non remis" not in label for row in facilitator.screen[0].labels() for label in row)

    await staff.do("press:📮 Messages non remis")
    (screen,) = staff.screen
    lines = screen.text.splitlines()
    assert lines[0] == "📮 Messages à suivre — non remis : 1 ; incertains : 1."
    # The kind in words, the booking code or "une personne" (never a name or a number), Paris time, why in French.
    assert lines[1] == (
        f"• n°{cut} · Rappel de renouvellement · une personne · dim. 22 novembre 11:00 · ❓ incertain, peut-être reçu "
        "(envoi interrompu par un redémarrage, pas renvoyé pour éviter un doublon)"
    )
    assert lines[2] == (
        f"• n°{blocked} · Détails de la rencontre · réservation K7P2QX · dim. 22 novembre 10:00 · ❌ non remis "
        "(la personne a bloqué le bot)"
    )
    assert "Il est peut-être arrivé : il n'est jamais renvoyé automatiquement." in screen.text
    resend = [[f"🔁 Renvoyer n°{cut}"], [f"🔁 Renvoyer n°{blocked}"]]
    assert screen.labels() == [*resend, ["◀ Espace professionnels"], ["☰ Menu"]]

    await staff.do(f"press:Renvoyer n°{cut}")  # uncertain: staff must say they checked with the person first
    assert staff.screen[0].text.startswith(f"Le message n°{cut} est peut-être déjà arrivé.")
    assert {m.id: m.status for m in await rows(db, OutboxMessage)}[cut] == "uncertain"
    await staff.do("press:Oui, le renvoyer")
    assert staff.screen[0].text.startswith(f"🔁 Le message n°{cut} est remis dans la file")
    assert "non remis : 1 ; incertains : 0" in staff.screen[0].text
    await staff.do(f"press:Renvoyer n°{blocked}")  # failed: it did not arrive, sent again at once
    assert staff.screen[0].text.startswith(f"🔁 Le message n°{blocked} est remis dans la file")
    assert "📮 Aucun message non remis ni incertain." in staff.screen[0].text
    assert {(m.status, m.attempts) for m in await rows(db, OutboxMessage)} == {("pending", 0)}

    audit = [(a.actor, a.action, a.detail) for a in await rows(db, AuditEntry)]
    actor = f"telegram:{STAFF_ID}"
    assert [entry for entry in audit if entry[1] == "retry_message"] == [
        (actor, "retry_message", {"message": cut}),
        (actor, "retry_message", {"message": blocked}),
    ]
    assert (actor, "read_failed_message", {"message": cut}) in audit

    await facilitator.do(f"raw:rs:{blocked}:yes")  # a role without the permission: a stale button
    assert facilitator.screen[0].text.startswith("Ce bouton n'est plus valide.")


async def test_staff_reading_english_see_each_line_in_english(flows: dict[str, Flow], db: Database) -> None:
    cut, blocked = await follow_up(db)
    assistant = Assistant(flows, available_languages(), clock=lambda: NOW)
    staff = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    await make_staff(db, STAFF_ID, "coordinator")
    for step in ["/start", "press:English", "press:I agree", "/staff"]:
        await staff.do(step)
    await staff.do("press:📮")
    lines = staff.screen[0].text.splitlines()
    assert lines[1].startswith(f"• no. {cut} · Renewal reminder · someone · ")
    assert lines[2].startswith(f"• no. {blocked} · Session details · booking K7P2QX · ")
    assert lines[2].endswith("(the person blocked the bot)")
    assert "renewal_reminder" not in staff.screen[0].text and "UTC" not in staff.screen[0].text
