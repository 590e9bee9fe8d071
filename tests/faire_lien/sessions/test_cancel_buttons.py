"""Cancel buttons, from the session's page and pressed again later: each says why there is nothing left to cancel."""

from __future__ import annotations

from datetime import timedelta

from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.core.roles import Staff
from faire_lien.sessions.service import cancel_session, mark_attendance
from storage.db import Database
from storage.models import Registration
from tests.conftest import NOW
from tests.faire_lien.sessions.test_seat_offers import people_for_one_seat
from tests.faire_lien.sessions.test_session_screens import person, publish
from tests.support.db import rows

MARIE = Staff("coordinator", None, "marie")


async def test_the_session_page_has_the_cancel_button_with_its_question(assistant: Assistant, db: Database) -> None:
    meeting_id = await publish(db, capacity=1)
    amina, bruno = await person(assistant, db, 1), await person(assistant, db, 2)
    await amina.do(f"raw:reg:{meeting_id}")
    await bruno.do(f"raw:reg:{meeting_id}")
    await amina.do(f"/start s_{meeting_id}")
    assert "👥 Vous êtes inscrit·e." in amina.screen[0].text
    assert amina.screen[0].labels() == [["✖ Annuler mon inscription"], ["◀ Autres dates"], ["☰ Menu"]]
    await amina.do("press:Annuler mon inscription")
    assert amina.screen[0].text.startswith("Voulez-vous vraiment annuler votre inscription à « Réunion C2S »")
    assert amina.screen[0].labels() == [["Oui, annuler"], ["Non, je garde ma place"]]
    await bruno.do(f"/start s_{meeting_id}")
    assert "👥 Vous êtes n° 1 sur la liste d'attente." in bruno.screen[0].text
    assert bruno.screen[0].labels() == [["✖ Quitter la liste d'attente"], ["◀ Autres dates"], ["☰ Menu"]]
    await bruno.do("press:Quitter la liste d'attente")
    assert bruno.screen[0].text.startswith("Voulez-vous vraiment quitter la liste d'attente de « Réunion C2S »")


async def test_old_cancel_buttons_after_cancelling_say_it_is_already_cancelled(
    assistant: Assistant, db: Database
) -> None:
    """Not « Cette rencontre n'est plus proposée. »: the session is still published."""
    meeting_id = await publish(db)
    amina = await person(assistant, db, 1)
    await amina.do(f"raw:reg:{meeting_id}")
    confirmation = amina.screen
    await amina.do("press:Annuler mon inscription")
    question = amina.screen
    await amina.do("press:Oui, annuler")
    assert amina.screen[0].text.startswith("Votre inscription est annulée.")
    for old, label in ((question, "Oui, annuler"), (confirmation, "Annuler mon inscription")):
        amina.screen = old
        await amina.do(f"press:{label}")
        assert (
            amina.screen[0].text == "Votre inscription à « Réunion C2S » est déjà annulée.\n\nQue voulez-vous faire ?"
        )
        assert ["🗓 Mes inscriptions"] in amina.screen[0].labels()
    assert [r.status for r in await rows(db, Registration)] == ["cancelled"]


async def test_an_old_cancel_button_of_a_session_withdrawn_says_it_is_no_longer_offered(
    assistant: Assistant, db: Database
) -> None:
    meeting_id = await publish(db)
    amina = await person(assistant, db, 1)
    await amina.do(f"raw:reg:{meeting_id}")
    async with db.unit_of_work() as session:
        assert await cancel_session(session, meeting_id, MARIE, NOW) == 1
    await amina.do("press:Annuler mon inscription")
    assert amina.screen[0].text.startswith("Cette rencontre n'est plus proposée.")


async def test_someone_welcomed_reads_so_on_an_old_cancel_button_after_the_session(
    flows: dict[str, Flow], db: Database
) -> None:
    clock, _meeting_id, (holder, _waiting, _) = await people_for_one_seat(flows, db, hours=3)
    (seat, *_) = await rows(db, Registration)
    await holder.do("press:Mes inscriptions")
    old_list = holder.screen
    clock.now = NOW + timedelta(hours=2, minutes=30)
    async with db.unit_of_work() as session:
        assert await mark_attendance(session, seat.id, "present", MARIE, clock.now) is not None
    clock.now = NOW + timedelta(hours=6)  # the session is over
    holder.screen = old_list
    await holder.do("press:Annuler")
    assert holder.screen[0].text.startswith(
        "Vous avez été accueilli·e à « Réunion C2S » : votre inscription ne peut plus être annulée. "
        "Si c'est une erreur, parlez-en à l'accueil."
    )
