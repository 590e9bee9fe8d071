"""Over HTTP, in process: the next question reaches the person while the commit is synced to disk, and the
update is done (so confirmed to Telegram) only once the sync has finished."""

from __future__ import annotations

import asyncio

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.core.test_cancel import said
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.held_syncs import HeldSyncs


async def test_the_next_question_goes_out_during_the_sync_and_the_update_waits_for_it(
    api: FakeBotAPI, db: Database, assistant: Assistant, syncs_seen: HeldSyncs
) -> None:
    person = api.user(88201, language_code="fr")
    async with driven_bot(api, db, assistant) as bot:
        for step in ("/start", "press:Français", "press:J'accepte"):
            await said(api, bot, person, step)
        menu = [m for m in api.messages(person.chat_id) if m.buttons][-1]
        syncs_seen.hold()
        mark = api.mark(person.chat_id)
        api.press(person, menu, menu.button("Bilan de mes droits"))
        (update,) = await bot.app.bot.get_updates(offset=bot.offset, timeout=0)
        handling = asyncio.create_task(bot.app.process_update(update))

        def shown() -> list[str]:
            return [m.text for m in api.messages(person.chat_id) if m.message_id > mark]

        for _ in range(200):  # the question arrives though the disk has not finished
            if shown():
                break
            await asyncio.sleep(0.02)
        assert shown() and "Quelle est votre situation en France ?" in shown()[0]
        assert not handling.done()  # not confirmed: a power cut now would bring the press back, not lose it
        syncs_seen.release()
        await asyncio.wait_for(handling, 10)
    assert len(syncs_seen.synced) >= 1 and all(name.endswith("-wal") for name in syncs_seen.synced)
