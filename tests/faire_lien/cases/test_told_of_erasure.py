"""A person who erases their data (/forget) withdraws their open requests: whoever held one is told, in their
language, with its number and nothing else, as for a cancellation."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.conftest import make_staff
from tests.faire_lien.cases.conftest import ASK_FOR_HELP, Chats, help_taken, pressed, talker
from tests.faire_lien.cases.test_reference_numbers import in_language

FORGET = ["/forget", "press:Oui, tout effacer"]
ERASED = (
    "🗑 La demande n° 1 a été retirée : la personne a effacé ses données. Vous n'avez plus rien à faire pour cette "
    "demande."
)


async def test_the_holder_is_told_the_request_was_erased(assistant: Assistant, db: Database) -> None:
    chats, _marie, amina = await help_taken(assistant, db)
    for step in FORGET:
        await amina.do(step)
    got = await chats.deliver()
    assert list(got) == [501]
    (notice,) = got[501]
    assert (notice.text, notice.buttons) == (ERASED, ())  # no button to a request that is gone
    assert await chats.deliver() == {}  # once


async def test_the_holder_reads_it_in_her_language(assistant: Assistant, db: Database) -> None:
    chats = Chats(db)
    await talker(assistant, db, 501, "coordinator")
    sara = await in_language(assistant, db, 502, "en")  # a coordinator who reads the bot in English
    await make_staff(db, 502, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in ASK_FOR_HELP:
        await amina.do(step)
    notice = (await chats.deliver())[502][0]
    await sara.send("action", pressed(sara, notice, "take it"))
    for step in FORGET:
        await amina.do(step)
    (told,) = (await chats.deliver())[502]
    assert told.text == (
        "🗑 Request No. 1 has been withdrawn: the person erased their data. There is nothing more for you to do "
        "with this request."
    )


async def test_nobody_is_told_of_a_request_nobody_held(assistant: Assistant, db: Database) -> None:
    chats = Chats(db)
    await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in ASK_FOR_HELP:
        await amina.do(step)
    for step in FORGET:
        await amina.do(step)
    assert await chats.deliver() == {}  # its « new request » notice went with it, as a cancellation tells nobody


async def test_nobody_is_told_of_a_request_already_closed(assistant: Assistant, db: Database) -> None:
    chats, marie, amina = await help_taken(assistant, db)
    await marie.do("press:Clore")
    await marie.do("press:la personne a été aidée")
    await chats.deliver()
    for step in FORGET:
        await amina.do(step)
    assert await chats.deliver() == {}
