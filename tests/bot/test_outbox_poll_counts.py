"""A session's poll just sent, then delivered by the outbox over the fake Bot API: staff read « queued » first, then
« sent », never « sent to 1 » beside « envoyés : 0 »."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.budget import SharedBudget
from bot.outbox import drain
from dialogs.i18n import available_languages
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Registration
from storage.people import Identity
from tests.bot.test_outbox import SIGNER, add_person
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.records import a_meeting

COORDINATOR, GUEST = 1, 73_001
HELD = datetime(2026, 11, 3, 14, tzinfo=ZoneInfo("Europe/Paris"))
"""A session held on 3 November 2026, 14:00 to 16:00 in Paris: its poll may be sent."""
START = {"fr": ["/start", "press:Français", "press:J'accepte"], "en": ["/start", "press:English", "press:I agree"]}


async def held_with_one_present(db: Database, api: FakeBotAPI) -> int:
    """A held session where one person on Telegram (known to the fake Bot API) was marked present."""
    person_id = await add_person(db, api, GUEST)
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, HELD)
        session.add(
            Registration(
                meeting_id=meeting.id,
                person_id=person_id,
                status="registered",
                attendance="present",
                created_at=NOW,
                updated_at=NOW,
            )
        )
        return meeting.id


async def coordinator(assistant: Assistant, db: Database, language: str = "fr") -> Talker:
    """A coordinator talking to the bot."""
    await make_staff(db, COORDINATOR, "coordinator")
    talker = Talker(assistant, db, who=Identity(telegram_id=COORDINATOR))
    for step in START[language]:
        await talker.do(step)
    return talker


def counter(sent: int, waiting: int) -> str:
    """The French counter of a poll to one person, none of it uncertain, unreachable or answered."""
    return (
        f"Avis — personnes invitées : 1 · envoyés : {sent} · en attente : {waiting} · incertains : 0 · "
        "injoignables : 0 · répondants (arrondi par groupes de 5) : moins de 5"
    )


def poll_line(talker: Talker) -> str:
    """The poll's counter on the session's screen."""
    (line,) = [line for line in talker.screen[-1].text.splitlines() if line.startswith(("Avis —", "Poll —"))]
    return line


async def test_the_poll_reads_queued_until_the_outbox_delivers_it_then_sent(
    assistant: Assistant, db: Database, api: FakeBotAPI, telegram: Bot, budget: SharedBudget
) -> None:
    meeting_id = await held_with_one_present(db, api)
    staff = await coordinator(assistant, db)

    await staff.do(f"raw:poll:{meeting_id}")
    assert staff.screen[0].text == "📨 Avis mis en file d'attente pour 1 nouvelle personne présente, envoi en cours."
    assert poll_line(staff) == counter(0, 1)
    await staff.do(f"raw:res:{meeting_id}")
    assert staff.screen[0].text.splitlines()[1] == (
        "L'avis est en file d'attente pour 1 personne, envoi en cours : il ne lui a pas encore été remis, "
        "il n'y a pas encore de résultats."
    )
    assert api.messages(GUEST) == []

    assert await drain(telegram, db, budget, lambda: NOW, SIGNER) == 1
    (invitation,) = api.messages(GUEST)
    assert invitation.text is not None and invitation.text.startswith("Merci d'être venu·e à « Réunion C2S »")
    await staff.do(f"raw:sm:{meeting_id}")
    assert poll_line(staff) == counter(1, 0)
    await staff.do(f"raw:res:{meeting_id}")
    assert "file d'attente" not in staff.screen[0].text and "pas encore été envoyé" not in staff.screen[0].text


async def test_in_english_the_counter_says_waiting_then_delivered(
    assistant: Assistant, db: Database, api: FakeBotAPI, telegram: Bot, budget: SharedBudget
) -> None:
    meeting_id = await held_with_one_present(db, api)
    staff = await coordinator(assistant, db, "en")

    await staff.do(f"raw:poll:{meeting_id}")
    assert staff.screen[0].text == "📨 Poll queued for 1 more person present, sending now."
    assert poll_line(staff) == (
        "Poll — people invited: 1 · delivered: 0 · waiting to be sent: 1 · uncertain: 0 · unreachable: 0 · "
        "respondents (rounded in groups of 5): fewer than 5"
    )
    assert await drain(telegram, db, budget, lambda: NOW, SIGNER) == 1
    await staff.do(f"raw:sm:{meeting_id}")
    assert poll_line(staff) == (
        "Poll — people invited: 1 · delivered: 1 · waiting to be sent: 0 · uncertain: 0 · unreachable: 0 · "
        "respondents (rounded in groups of 5): fewer than 5"
    )


NIGHT = datetime(2026, 11, 22, 21, tzinfo=ZoneInfo("Europe/Paris"))
"""Sunday 22 November 2026, 21:00 in Paris: quiet hours (20:00 to 08:00), nothing the bot starts goes out."""
MORNING = datetime(2026, 11, 23, 8, tzinfo=ZoneInfo("Europe/Paris"))


async def test_a_poll_sent_within_quiet_hours_says_when_it_goes_then_goes(
    flows: dict[str, Flow], db: Database, api: FakeBotAPI, telegram: Bot, budget: SharedBudget
) -> None:
    meeting_id = await held_with_one_present(db, api)
    clock = [NIGHT]
    at_night = Assistant({k: v for k, v in flows.items() if k != "all_kinds"}, available_languages(), lambda: clock[0])
    staff = await coordinator(at_night, db)

    await staff.do(f"raw:poll:{meeting_id}")
    assert staff.screen[0].text == (
        "📨 Avis mis en file d'attente pour 1 nouvelle personne présente : heures calmes, "
        "il partira à 08:00 (lundi 23 novembre 2026)."
    )
    assert poll_line(staff) == counter(0, 1)
    assert await drain(telegram, db, budget, lambda: clock[0], SIGNER) == 0
    await staff.do(f"raw:res:{meeting_id}")
    assert staff.screen[0].text.splitlines()[1] == (
        "L'avis est en file d'attente pour 1 personne : heures calmes, il partira à 08:00 (lundi 23 novembre 2026) ; "
        "il n'y a pas encore de résultats."
    )

    clock[0] = MORNING
    assert await drain(telegram, db, budget, lambda: clock[0], SIGNER) == 1
    assert len(api.messages(GUEST)) == 1
    await staff.do(f"raw:sm:{meeting_id}")
    assert poll_line(staff) == counter(1, 0)
