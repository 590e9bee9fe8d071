"""Webhook mode: a typed message handled after the person's next one (Telegram posts several updates of one person
at once to several connections or workers) is no answer; the person reads that it came late, then the question."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storage.db import Database
from storage.models import Conversation, Person
from tests.bot.test_e2e_reply_to_earlier import HOUSEHOLD
from tests.faire_lien.core.test_cancel import BORN
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage
from tests.support.fake_bot_api.webhook import SECRET_HEADER
from tests.support.workers import SECRET, Workers

LATE = (
    "Votre message « 1958 » est arrivé après le suivant : il n'a pas été pris comme réponse. Renvoyez-le s'il le faut."
)
COUPLE = "Vivez-vous en couple"
TO_THE_YEAR = ["/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité"]


def queued(api: FakeBotAPI, update_id: int) -> dict[str, Any]:
    """The update Telegram holds for the bot, taken off its queue: the test posts it itself, when it chooses."""
    with api._state.cond:
        [update] = [u for u in api._state.updates if u["update_id"] == update_id]
        api._state.updates.remove(update)
        return update


def post(url: str, update: dict[str, Any]) -> None:
    """POST one update to a worker, as Telegram does, and check it was acknowledged."""
    headers = {"Content-Type": "application/json", SECRET_HEADER: SECRET}
    request = urllib.request.Request(url, data=json.dumps(update).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


def shown(api: FakeBotAPI, user: FakeUser, url: str, update_id: int, expected: str) -> SentMessage:
    """Post this update to the worker at `url`; the first message after it holding `expected`."""
    mark = api.mark(user.chat_id)
    post(url, queued(api, update_id))

    def new() -> list[SentMessage]:
        return [m for m in api.messages(user.chat_id) if m.message_id > mark and expected in m.text]

    try:
        api.wait_until(lambda: bool(new()), timeout=30)
    except TimeoutError:
        raise AssertionError(f"no {expected!r}:\n{api._state.transcript(user.chat_id)}") from None
    return new()[0]


def act(api: FakeBotAPI, user: FakeUser, action: str) -> int:
    """The person types a text or presses a button of the latest message with buttons ("press:label"): its update."""
    if not action.startswith("press:"):
        return api.send_text(user, action)
    on = [m for m in api.messages(user.chat_id) if m.buttons][-1]
    return api.press(user, on, on.button(action[len("press:") :]))


async def answers_of(url: str, telegram_id: int) -> tuple[str, dict[str, Any]]:
    """The step the person's rights check stands at, and the answers stored."""
    db = Database(url)
    try:
        async with db.unit_of_work() as session:
            query = (
                select(Conversation.step_id, Conversation.answers)
                .join(Person, Person.id == Conversation.person_id)
                .where(Person.telegram_id == telegram_id)
            )
            step, answers = (await session.execute(query)).one()
            return step, dict(answers)
    finally:
        await db.dispose()


async def corrected_year(api: FakeBotAPI, url: str, count: int, telegram_id: int, folder: Path) -> None:
    """At the year question the person types « 1958 », then « 1985 » to correct it; the second is handled first
    (by the second worker when there are two). 1985 is their year and the household question follows; 1958, handled
    last, is not the household's size: the late notice quotes it above the household question, nothing stored for it.
    A size typed then is the answer (the couple question follows)."""
    user = api.user(telegram_id, language_code="fr")
    workers = Workers(api, url, folder, count=count)
    first, second = workers.urls[0], workers.urls[-1]
    try:
        for step, expected in zip(
            [*TO_THE_YEAR, "press:Plus de 3 mois"],
            ["langue", "enregistr", "Que voulez-vous", "situation", "Depuis combien", BORN],
            strict=True,
        ):
            shown(api, user, first, act(api, user, step), expected)
        typed_first, typed_then = api.send_text(user, "1958"), api.send_text(user, "1985")
        assert typed_first < typed_then
        shown(api, user, second, typed_then, HOUSEHOLD)
        notice = shown(api, user, first, typed_first, HOUSEHOLD)
        assert notice.text.startswith(LATE) and HOUSEHOLD in notice.text, notice.text
        assert await answers_of(url, telegram_id) == (
            "household_size",
            {"in_france": "more", "residence": "national", "born": "1985"},
        )
        shown(api, user, first, act(api, user, "2"), COUPLE)
    finally:
        workers.stop()
    step, answers = await answers_of(url, telegram_id)
    assert (step, answers["born"], answers["household_size"]) == ("couple", "1985", 2)


async def test_a_late_year_is_not_the_households_size_on_sqlite(api: FakeBotAPI, tmp_path: Path) -> None:
    await corrected_year(api, f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", 1, 95101, tmp_path)


async def test_a_late_year_is_not_the_households_size_with_two_workers_on_postgresql(
    api: FakeBotAPI, pg_db: Database, tmp_path: Path
) -> None:
    await corrected_year(api, pg_db.url, 2, 95102, tmp_path)
