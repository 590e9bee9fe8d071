"""A freed seat offered to the first person waiting: taken twice, taken too late, seen from the session's page."""

from __future__ import annotations

from datetime import timedelta

from dialogs.i18n import available_languages
from dialogs.reply import Reply
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.jobs.offers import pass_on_expired_offers
from faire_lien.outbox.delivery import SENT, prepare, settle
from storage.db import Database
from storage.models import OutboxMessage, Registration
from storage.people import Identity
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person as Talker
from tests.support.clock import Clock
from tests.support.db import rows
from tests.support.records import a_meeting

CONSENT = {"fr": ("Français", "J'accepte"), "en": ("English", "I agree"), "ar": ("العربية", "أوافق")}


async def people_for_one_seat(
    flows: dict[str, Flow], db: Database, hours: int, languages: tuple[str, ...] = ("fr", "fr", "fr")
) -> tuple[Clock, int, list[Talker]]:
    """A session `hours` ahead with one seat: the first person holds it, the others wait in order."""
    clock = Clock()
    assistant = Assistant(
        {k: v for k, v in flows.items() if k not in ("all_kinds", "about_you")}, available_languages(), clock=clock
    )
    async with db.unit_of_work() as session:
        meeting_id = (await a_meeting(session, NOW + timedelta(hours=hours), capacity=1)).id
    talkers = []
    for n, language in enumerate(languages, start=1):
        talker = Talker(assistant, db, who=Identity(telegram_id=n), language_hint=language)
        for step in ["/start", *(f"press:{label}" for label in CONSENT[language]), f"raw:reg:{meeting_id}"]:
            await talker.do(step)
        talkers.append(talker)
    return clock, meeting_id, talkers


async def sent_offer(db: Database, clock: Clock) -> Reply:
    """The seat offer the outbox sends now (to the first person waiting)."""
    (offer,) = [m for m in await rows(db, OutboxMessage) if m.kind == "seat_offered" and m.status == "pending"]
    async with db.unit_of_work() as session:
        ready = await prepare(session, offer.id, clock.now)
    async with db.unit_of_work() as session:
        await settle(session, offer.id, SENT, clock.now)
    assert ready is not None
    return ready.reply


async def give_up_seat(holder: Talker) -> None:
    await holder.do("press:Mes inscriptions")
    await holder.do("press:Annuler")
    await holder.do("press:Oui, annuler")


async def test_the_offer_pressed_twice_says_the_place_is_still_yours(flows: dict[str, Flow], db: Database) -> None:
    clock, _meeting_id, (holder, waiting, _) = await people_for_one_seat(flows, db, hours=24 * 9)
    await give_up_seat(holder)
    offer = await sent_offer(db, clock)
    waiting.screen = [offer]
    await waiting.do("press:Je prends la place")
    assert waiting.screen[0].text.startswith("✅ La place est à vous : vous êtes inscrit·e.")
    waiting.screen = [offer]
    await waiting.do("press:Je prends la place")  # a second tap on the same message
    again, menu = waiting.screen  # the seat is theirs already: no calendar file sent again, the menu under it
    assert again.text.startswith(
        "Vous êtes déjà inscrit·e à cette rencontre.\n\n📅 Réunion d'information — Réunion C2S"
    )
    assert "👥 Vous êtes inscrit·e." in again.text and "délai" not in again.text
    assert again.document is None
    assert again.labels() == [["✖ Annuler mon inscription"]] and menu.document is None
    assert "🩺 Bilan de mes droits santé" in str(menu.labels())


async def test_an_offer_taken_too_late_leads_back_to_the_session(flows: dict[str, Flow], db: Database) -> None:
    clock, meeting_id, (holder, waiting, _) = await people_for_one_seat(flows, db, hours=24 * 9)
    await give_up_seat(holder)
    offer = await sent_offer(db, clock)
    clock.now = NOW + timedelta(hours=25)
    async with db.unit_of_work() as session:
        assert await pass_on_expired_offers(session, clock.now) == 1  # the seat went to the next person
    waiting.screen = [offer]
    await waiting.do("press:Je prends la place")
    assert waiting.screen[0].text == "Désolé, le délai pour prendre cette place est passé."  # not "no longer offered"
    assert waiting.screen[1].text.startswith("📅 Réunion d'information — Réunion C2S")
    await waiting.do("press:M'inscrire")  # they can join the waiting list again
    assert waiting.screen[0].text.startswith("C'est complet pour l'instant : vous êtes n° 1 sur la liste d'attente.")
    assert meeting_id


async def test_an_offer_never_outlasts_the_start_of_the_session(flows: dict[str, Flow], db: Database) -> None:
    clock, _meeting_id, (holder, waiting, last) = await people_for_one_seat(
        flows, db, hours=3, languages=("fr", "ar", "fr")
    )
    await give_up_seat(holder)
    offer = await sent_offer(db, clock)
    assert "⁨22 نوفمبر 2026 2:00 م⁩" in offer.text  # kept until the start (13:00 UTC), not for 24 hours
    clock.now = NOW + timedelta(hours=4)  # the session has begun
    waiting.screen = [offer]
    await waiting.do("press:✅")
    assert waiting.screen[0].text.startswith("\u200fهذا اللقاء لم يعد متاحًا.")
    async with db.unit_of_work() as session:
        await pass_on_expired_offers(session, clock.now)
    assert [r.status for r in await rows(db, Registration)] == ["cancelled", "cancelled", "waiting"]
    assert [m.kind for m in await rows(db, OutboxMessage) if m.person_id == 3] == []  # nothing offered to the last
    assert last.screen


async def test_a_waiting_person_offered_the_seat_can_take_it_from_the_session_page(
    flows: dict[str, Flow], db: Database
) -> None:
    _clock, meeting_id, (holder, waiting, _) = await people_for_one_seat(flows, db, hours=24 * 9)
    await give_up_seat(holder)
    await waiting.do(f"raw:m:{meeting_id}")
    assert "👥 Une place s'est libérée pour vous : prenez-la avant la fin du délai." in waiting.screen[0].text
    assert waiting.screen[0].labels()[0] == ["✅ Je prends la place"]
    await waiting.do(f"raw:reg:{meeting_id}")  # "Register" on a page opened before
    assert not waiting.screen[0].text.startswith("Vous êtes déjà sur la liste d'attente")
    assert waiting.screen[0].labels()[0] == ["✅ Je prends la place"] and waiting.screen[0].document is None
    await waiting.do("press:Je prends la place")
    assert waiting.screen[0].text.startswith("✅ La place est à vous : vous êtes inscrit·e.")


async def test_a_registration_cannot_be_cancelled_once_the_session_has_begun(
    flows: dict[str, Flow], db: Database
) -> None:
    clock, _meeting_id, (holder, _waiting, _) = await people_for_one_seat(flows, db, hours=24 * 3)
    await holder.do("press:Mes inscriptions")
    old_list = holder.screen
    clock.now = NOW + timedelta(hours=24 * 3, minutes=30)  # half an hour into the session
    await holder.do("raw:menu:registrations")
    assert "• Réunion C2S" in holder.screen[0].text
    assert [label for row in holder.screen[0].labels() for label in row if "Annuler" in label] == []
    holder.screen = old_list
    await holder.do("press:Annuler")  # a button from before the start: begun, not withdrawn
    assert holder.screen[0].text.startswith("« Réunion C2S » a déjà commencé : il n'y a plus rien à annuler.")
    await holder.do(f"raw:cancel:{(await rows(db, Registration))[0].id}:yes")
    assert holder.screen[0].text.startswith("« Réunion C2S » a déjà commencé : il n'y a plus rien à annuler.")
    clock.now = NOW + timedelta(hours=24 * 3 + 2)  # over
    await holder.do(f"raw:cancel:{(await rows(db, Registration))[0].id}:yes")
    assert holder.screen[0].text.startswith("« Réunion C2S » a eu lieu : il n'y a plus rien à annuler.")
    assert [r.status for r in await rows(db, Registration)] == ["registered", "waiting", "waiting"]
    assert [m.kind for m in await rows(db, OutboxMessage) if m.kind == "seat_offered"] == []


async def test_someone_who_lets_the_offer_lapse_is_told_and_can_wait_again(
    flows: dict[str, Flow], db: Database
) -> None:
    clock, _meeting_id, (holder, waiting, _) = await people_for_one_seat(flows, db, hours=24 * 9)
    await give_up_seat(holder)
    await sent_offer(db, clock)
    clock.now = NOW + timedelta(hours=25)
    for _run in range(2):  # the job runs again before the notice goes out: one notice
        async with db.unit_of_work() as session:
            await pass_on_expired_offers(session, clock.now)
    (lapsed,) = [m for m in await rows(db, OutboxMessage) if m.kind == "offer_lapsed"]
    assert lapsed.person_id == 2 and lapsed.status == "pending"
    async with db.unit_of_work() as session:
        ready = await prepare(session, lapsed.id, clock.now)
    assert ready is not None
    expired = "Désolé, le délai pour prendre cette place est passé."
    assert ready.reply.text.startswith(f"{expired}\n\n📅 Réunion d'information — Réunion C2S")
    assert ready.reply.labels()[0] == ["✅ M'inscrire"]
    waiting.screen = [ready.reply]
    await waiting.do("press:M'inscrire")
    assert waiting.screen[0].text.startswith("C'est complet pour l'instant : vous êtes n° 1 sur la liste d'attente.")


async def test_no_lapse_notice_for_someone_already_back_on_the_list(flows: dict[str, Flow], db: Database) -> None:
    clock, meeting_id, (holder, waiting, _) = await people_for_one_seat(flows, db, hours=24 * 9)
    await give_up_seat(holder)
    await sent_offer(db, clock)
    clock.now = NOW + timedelta(hours=25)
    async with db.unit_of_work() as session:
        await pass_on_expired_offers(session, clock.now)
    await waiting.do(f"raw:reg:{meeting_id}")  # back on the list before the notice went out (quiet hours)
    (lapsed,) = [m for m in await rows(db, OutboxMessage) if m.kind == "offer_lapsed"]
    async with db.unit_of_work() as session:
        assert await prepare(session, lapsed.id, clock.now) is None


async def test_a_seat_freed_in_the_last_hour_can_be_taken_by_the_people_waiting(
    flows: dict[str, Flow], db: Database
) -> None:
    """Offered to nobody (no message pushed), the seat is free: the people waiting see it on the session's page and in
    « Mes inscriptions » with a button to take it; the first to press gets it, the other stays waiting."""
    clock, meeting_id, (holder, first, second) = await people_for_one_seat(flows, db, hours=3)
    clock.now = NOW + timedelta(hours=2, minutes=30)  # half an hour before the start
    await give_up_seat(holder)
    assert [m for m in await rows(db, OutboxMessage) if m.kind == "seat_offered"] == []
    await first.do(f"/start s_{meeting_id}")
    page = first.screen[0]
    assert "👥 Une place est libre : vous pouvez la prendre (vous êtes n° 1 sur la liste d'attente)." in page.text
    assert page.labels() == [
        ["✅ Je prends la place"],
        ["✖ Quitter la liste d'attente"],
        ["◀ Autres dates"],
        ["☰ Menu"],
    ]
    await second.do("press:Mes inscriptions")
    assert "• Réunion C2S — 22 nov. · 14:00 (liste d'attente, n° 2 ; une place est libre)" in second.screen[0].text
    assert second.screen[0].labels()[0] == ["✅ Je prends la place"]

    await first.do("press:Je prends la place")
    taken = first.screen[0]
    assert taken.text.startswith("✅ La place est à vous : vous êtes inscrit·e.")
    assert "🎫 Votre code de réservation" in taken.text and taken.document is not None
    await second.do("press:Je prends la place")  # pressed after the first: the seat has gone
    assert (
        second.screen[0].text
        == "Désolé, quelqu'un vient de prendre cette place. Vous restez n° 1 sur la liste d'attente."
    )
    assert "👥 Vous êtes n° 1 sur la liste d'attente." in second.screen[1].text
    assert second.screen[1].labels()[0] == ["✖ Quitter la liste d'attente"]
    assert [r.status for r in await rows(db, Registration)] == ["cancelled", "registered", "waiting"]
    assert sorted(m.kind for m in await rows(db, OutboxMessage) if m.person_id == 2) == []  # reminders: all past


async def test_a_seat_freed_in_the_last_hour_and_taken_by_a_newcomer_leaves_the_waiting_person_their_number(
    flows: dict[str, Flow], db: Database
) -> None:
    clock, meeting_id, (holder, first, _second) = await people_for_one_seat(flows, db, hours=3)
    clock.now = NOW + timedelta(hours=2, minutes=30)
    await give_up_seat(holder)
    await first.do(f"raw:m:{meeting_id}")
    await holder.do(f"raw:reg:{meeting_id}")  # someone registering takes the free seat first
    assert holder.screen[0].text.startswith("✅ C'est noté, vous êtes inscrit·e.")
    await first.do("press:Je prends la place")
    assert (
        first.screen[0].text
        == "Désolé, quelqu'un vient de prendre cette place. Vous restez n° 1 sur la liste d'attente."
    )
    await first.do(f"raw:m:{meeting_id}")
    assert "Je prends la place" not in str(first.screen[0].labels())
