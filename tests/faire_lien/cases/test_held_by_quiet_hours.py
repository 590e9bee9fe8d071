"""A staff message written within quiet hours to someone who has not written for an hour waits for the morning, and
says so; it goes at once, before any later one, as soon as the person writes; meanwhile « Mes demandes » does not
tell the person the team wrote to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from faire_lien.core.quiet import QuietHours
from storage.db import Database
from storage.models import OutboxMessage
from storage.types import PARIS
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.cases.conftest import ASK_FOR_HELP, Chats, pressed, talker
from tests.support.db import rows

DAY = datetime(2026, 11, 23, 17, 0, tzinfo=PARIS).astimezone(UTC)
"""Monday 23 November 2026, 17:00 in Paris: the request is made and taken."""
NIGHT = datetime(2026, 11, 23, 21, 0, tzinfo=PARIS).astimezone(UTC)
"""21:00 the same day: quiet hours (20:00 to 08:00)."""
MORNING = datetime(2026, 11, 24, 8, 0, tzinfo=PARIS).astimezone(UTC)

HELD = (
    "✅ Message enregistré pour la personne (demande n° 1) : heures calmes, il partira à 08:00 (mardi 24 novembre "
    "2026), ou dès qu'elle écrira. Sa réponse vous arrivera ici et dans la console."
)
SENT = "✅ Message envoyé à la personne (demande n° 1). Sa réponse vous arrivera ici et dans la console."
TAKEN_IN_HAND = "👤 Une personne de l'équipe s'en occupe ; réponse promise d'ici le"
WROTE_TO_YOU = "💬 Message reçu de l'équipe : répondez ici, dans la conversation."


@dataclass
class Clock:
    """The assistant's clock, moved by the test."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


async def taken_in_the_day(flows: dict[str, Flow], db: Database) -> tuple[Clock, Chats, Talker, Talker]:
    """Amina (601) asks for help at 17:00 and Marie (501, coordinator) takes it; then the evening comes."""
    clock = Clock(DAY)
    chosen = {k: v for k, v in flows.items() if k != "all_kinds"}
    assistant = Assistant(chosen, available_languages(), clock=clock)
    chats = Chats(db, now=DAY, quiet=QuietHours())
    marie = await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in ASK_FOR_HELP:
        await amina.do(step)
    (notice,) = (await chats.deliver())[501]
    await marie.send("action", pressed(marie, notice, "Je la prends"))
    await amina.do("/menu")
    clock.now = chats.now = NIGHT
    return clock, chats, marie, amina


async def my_requests(amina: Talker) -> str:
    """What « 📨 Mes demandes » shows Amina."""
    await amina.do("raw:menu:requests")
    return amina.screen[0].text


def texts(got: dict[int, list[object]], chat: int) -> list[str]:
    """The texts a chat received in one pass of the sender."""
    return [str(getattr(reply, "text", "")) for reply in got.get(chat, [])]


async def test_the_staff_member_reads_her_message_waits_for_the_morning(flows: dict[str, Flow], db: Database) -> None:
    """Written at 21:00 to someone who has not written for an hour: « enregistré », when it goes, and it does."""
    _clock, chats, marie, _amina = await taken_in_the_day(flows, db)
    await marie.do("press:Écrire à la personne")
    await marie.do("type:Bonjour, je vous appelle demain.")
    assert marie.screen[0].text == HELD  # not « envoyé »: quiet hours hold it
    assert 601 not in await chats.deliver()
    chats.now = MORNING
    (message,) = (await chats.deliver())[601]
    assert message.text.split("\n\n")[1] == "Bonjour, je vous appelle demain."


async def test_my_requests_says_the_team_wrote_only_once_the_message_arrived(
    flows: dict[str, Flow], db: Database
) -> None:
    _clock, chats, marie, amina = await taken_in_the_day(flows, db)
    await marie.do("press:Écrire à la personne")
    await marie.do("type:Bonjour, je vous appelle demain.")
    await chats.deliver()
    shown = await my_requests(amina)
    assert TAKEN_IN_HAND in shown and WROTE_TO_YOU not in shown  # nothing in her chat yet
    chats.now = MORNING
    await chats.deliver()
    assert WROTE_TO_YOU in await my_requests(amina)


async def test_a_held_message_goes_first_as_soon_as_the_person_writes(flows: dict[str, Flow], db: Database) -> None:
    """Amina writes while Marie's first message is held: it goes at once, before Marie's answer, each once."""
    clock, chats, marie, amina = await taken_in_the_day(flows, db)
    await marie.do("press:Écrire à la personne")
    await marie.do("type:Bonjour, je suis là.")
    assert 601 not in await chats.deliver()

    clock.now = chats.now = NIGHT + timedelta(minutes=5)
    await amina.do("type:Il y a quelqu'un ?")
    assert amina.screen[0].text.startswith("✉️ Transmis.")
    clock.now = chats.now = NIGHT + timedelta(minutes=6)
    await marie.do("press:Écrire encore")
    await marie.do("type:Oui, je vous réponds ce soir.")
    assert marie.screen[0].text == SENT  # she wrote a minute ago: the conversation is live

    got = await chats.deliver()
    said = [text.split("\n\n")[1] for text in texts(got, 601)]
    assert said == ["Bonjour, je suis là.", "Oui, je vous réponds ce soir."]
    assert texts(got, 501) == [
        "💬 Demande n° 1 (demande d'aide sur une question) — la personne a écrit :\n\nIl y a quelqu'un ?"
    ]
    chats.now = MORNING
    assert await chats.deliver() == {}  # nothing twice
    assert [m.status for m in await rows(db, OutboxMessage) if m.kind == "case_message"] == ["sent", "sent"]
