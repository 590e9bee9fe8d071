"""A session cancelled by staff: the notice leads to the other dates of its kind, in the person's language."""

from __future__ import annotations

from datetime import timedelta

from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.outbox.delivery import prepare
from faire_lien.sessions.service import cancel_session
from storage.db import Database
from storage.models import OutboxMessage
from storage.people import Identity
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person as Talker
from tests.support.clock import Clock
from tests.support.db import rows
from tests.support.records import OPERATOR, a_meeting


async def test_the_cancellation_notice_leads_to_the_other_dates(flows: dict[str, Flow], db: Database) -> None:
    """Someone reading Arabic, registered for an information meeting staff cancel, reads the cancellation with a
    button to the other dates, presses it and registers for the next one (before: the notice had no button; its
    « Votre travailleur social vous proposera une autre date » left someone who came through a poster stuck)."""
    clock = Clock()
    assistant = Assistant({k: v for k, v in flows.items() if k != "about_you"}, available_languages(), clock=clock)
    async with db.unit_of_work() as session:
        cancelled = (await a_meeting(session, NOW + timedelta(days=3), title={"fr": "Réunion C2S"})).id
        await a_meeting(session, NOW + timedelta(days=10), title={"fr": "Réunion C2S", "ar": "اجتماع"})
    amira = Talker(assistant, db, who=Identity(telegram_id=1), language_hint="ar")
    for step in ["/start", "press:العربية", "press:أوافق", f"raw:reg:{cancelled}"]:
        await amira.do(step)
    async with db.unit_of_work() as session:
        assert await cancel_session(session, cancelled, OPERATOR, NOW) == 1
    (notice,) = [m for m in await rows(db, OutboxMessage) if m.kind == "meeting_cancelled"]
    async with db.unit_of_work() as session:
        ready = await prepare(session, notice.id, NOW)
    assert ready is not None and "❌ أُلغي «\u2068Réunion C2S\u2069»" in ready.reply.text
    assert "تواريخ أخرى" in ready.reply.labels()[0][0]
    amira.screen = [ready.reply]
    await amira.do("press:تواريخ أخرى")
    (dates,) = [r for r in amira.screen if r.buttons]
    assert len(dates.labels()) == 2  # the meeting still offered, and the menu
    await amira.do(f"press:{dates.labels()[0][0]}")
    assert "اجتماع" in amira.screen[0].text


async def test_the_cancellation_promises_nothing_and_offers_a_call_back(flows: dict[str, Flow], db: Database) -> None:
    """Someone registered and someone waiting, both from a poster, read the same cancellation: no « Votre travailleur
    social vous proposera une autre date » (no case was opened, no staff member told: nobody kept it), but the other
    dates and « 📞 Parler à un travailleur social », which asks the call-back questions."""
    assistant = Assistant({k: v for k, v in flows.items() if k != "about_you"}, available_languages(), clock=Clock())
    async with db.unit_of_work() as session:
        cancelled = (await a_meeting(session, NOW + timedelta(days=3), capacity=1)).id
    people = [Talker(assistant, db, who=Identity(telegram_id=n)) for n in (1, 2)]
    for talker in people:
        for step in [f"/start s_{cancelled}", "press:Français", "press:J'accepte", f"raw:reg:{cancelled}"]:
            await talker.do(step)
    async with db.unit_of_work() as session:
        assert await cancel_session(session, cancelled, OPERATOR, NOW) == 2
    notices = [m for m in await rows(db, OutboxMessage) if m.kind == "meeting_cancelled"]
    expected = (
        "❌ « Réunion C2S », prévue mercredi 25 novembre 2026, 11:00–13:00, est annulée. Vous pouvez regarder les "
        "autres dates, ou demander à parler à un travailleur social."
    )
    for notice in notices:  # the one registered, then the one waiting
        async with db.unit_of_work() as session:
            ready = await prepare(session, notice.id, NOW)
        assert ready is not None and ready.reply.text == expected
        assert ready.reply.labels() == [["◀ Autres dates"], ["📞 Parler à un travailleur social"], ["☰ Menu"]]
    waiting = people[1]
    waiting.screen = [ready.reply]
    await waiting.do("press:📞 Parler à un travailleur social")
    assert waiting.screen[-1].text.endswith(
        "Un travailleur social du service pourra lire vos réponses et vous contacter. Êtes-vous d'accord ?\n"
        "ℹ️ Seul le service social voit votre demande. "
        "Vous pourrez l'annuler quand vous voulez dans « 📨 Mes demandes »."
    )
