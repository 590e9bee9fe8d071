"""A request's number reads as plain digits in every language: « demande n° 1234 », never « 1 234 » nor « 1,234 »."""

from __future__ import annotations

import pytest

from dialogs.i18n import language_name, translator
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Case, Person
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.cases.conftest import Chats, pressed, talker
from tests.faire_lien.test_languages import tap
from tests.support.db import rows

NUMBER = 1234


async def in_language(assistant: Assistant, db: Database, telegram_id: int, language: str) -> Talker:
    """Someone who chose `language` and agreed."""
    someone = Talker(assistant, db, who=Identity(telegram_id=telegram_id), language_hint=language)
    for step in ["/start", f"press:{language_name(language)}", f"raw:consent:yes:{language}"]:
        await someone.do(step)
    return someone


async def cases_from(db: Database, number: int) -> None:
    """The service's requests so far: the next one is number `number`."""
    (someone, *_) = await rows(db, Person)
    async with db.unit_of_work() as session:
        session.add(
            Case(
                id=number - 1, person_id=someone.id, kind="help", language="fr", status="closed", outcome="helped",
                created_at=NOW, due_at=NOW, closed_at=NOW,
            )
        )  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en", "ar", "fa", "ru"])
async def test_request_1234_is_never_grouped(assistant: Assistant, db: Database, language: str) -> None:
    t = translator(language)
    plain, grouped = t.digits(str(NUMBER)), t.format(NUMBER)
    assert plain != grouped  # every one of these languages groups a plain 1234
    chats = Chats(db)
    marie = await talker(assistant, db, 501, "coordinator")
    colleague = await in_language(assistant, db, 502, language)
    await make_staff(db, 502, "coordinator")
    await cases_from(db, NUMBER)
    person = await in_language(assistant, db, 601, language)
    await person.do("raw:menu:rights")
    await tap(person, "huh")
    for step in ["raw:ap:ask", "raw:ap:yes"]:
        await person.do(step)
    asked = person.screen[0].text
    assert plain in asked and grouped not in asked, asked  # « votre demande n° 1234 est envoyée à l'équipe »
    await person.do("raw:menu:requests")
    listed = "\n".join(r.text for r in person.screen)
    assert plain in listed and grouped not in listed, listed

    got = await chats.deliver()
    (theirs,) = got[502]
    assert plain in theirs.text and grouped not in theirs.text, theirs.text  # « 🔔 Nouvelle demande n° 1234 »
    (ours,) = got[501]
    assert ours.text.startswith(f"🔔 Nouvelle demande n° {NUMBER} :")
    await colleague.send("action", pressed(colleague, theirs, "✋"))
    taken = colleague.screen[0].text
    assert plain in taken and grouped not in taken, taken
    assert all(len(b.label) <= 64 for r in colleague.screen for row in r.buttons for b in row)
    await marie.do("/staff")
    await marie.do("press:Demandes des personnes")
    desk = "\n".join(r.text for r in marie.screen)
    assert f"n° {NUMBER}" in desk and "1 234" not in desk, desk
