"""Someone who refuses storage reads the information pages and the anonymous check in their language too: they are
told once, as someone who agrees is, that its translation is a draft (before: never, unless they changed language)."""

from __future__ import annotations

from sqlalchemy import update

from dialogs.i18n import translator
from faire_lien.assistant import Assistant
from faire_lien.core.welcome import DRAFT
from storage.db import Database
from storage.models import Person as Row
from storage.people import Identity
from tests.dialogs.golden_driver import Person

UK = translator("uk")


async def test_refusing_storage_tells_of_the_draft_translation_once(assistant: Assistant, db: Database) -> None:
    olena = Person(assistant, db, who=Identity(telegram_id=4101), language_hint="uk")
    for step in ["/start", "press:Українська", "press:Не погоджуюся"]:
        await olena.do(step)
    said = olena.screen[0].text
    assert UK(DRAFT) in said, said
    await olena.do("/start")
    assert all(UK(DRAFT) not in reply.text for reply in olena.screen)


async def test_agreeing_later_tells_of_it_if_never_told(assistant: Assistant, db: Database) -> None:
    """Someone who refused before the notice was given on refusal: told when they agree later, once."""
    olena = Person(assistant, db, who=Identity(telegram_id=4102), language_hint="uk")
    for step in ["/start", "press:Українська", "press:Не погоджуюся"]:
        await olena.do(step)
    async with db.unit_of_work() as session:  # as stored before: refused, never told
        await session.execute(update(Row).where(Row.telegram_id == 4102).values(draft_notified=[]))
    await olena.do("press:✅ Надати згоду")
    await olena.do("press:✅ Погоджуюся")
    assert UK(DRAFT) in olena.screen[0].text, olena.screen[0].text
