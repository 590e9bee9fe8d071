"""Webhook mode: a year typed while the sessions page is under the question is not its answer."""

from __future__ import annotations

from pathlib import Path

from tests.bot.test_e2e_hidden_question import PAUSED
from tests.bot.test_e2e_reply_to_earlier import HOUSEHOLD
from tests.faire_lien.core.test_cancel import BORN
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage
from tests.support.workers import SECRET, Workers


def shows(api: FakeBotAPI, user: FakeUser, expected: str, action: str, on: SentMessage | None = None) -> SentMessage:
    """Send a text, or press a button ("press:label") of `on` (else the latest message with buttons); the first
    message after it holding `expected`."""
    mark = api.mark(user.chat_id)
    if action.startswith("press:"):
        shown = on or [m for m in api.messages(user.chat_id) if m.buttons][-1]
        api.press(user, shown, shown.button(action[len("press:") :]))
    else:
        api.send_text(user, action)

    def new() -> list[SentMessage]:
        return [m for m in api.messages(user.chat_id) if m.message_id > mark and expected in m.text]

    try:
        api.wait_until(lambda: bool(new()), timeout=30)
    except TimeoutError:
        raise AssertionError(f"no {expected!r} after {action!r}:\n{api._state.transcript(user.chat_id)}") from None
    return new()[0]


def test_a_year_typed_on_the_sessions_page_is_not_an_answer(api: FakeBotAPI, tmp_path: Path) -> None:
    """Rights check at the year question, /menu, « Rencontres » from that menu, 1990 typed: the paused notice and the
    year question; 1990 typed under it is the answer (the household question follows)."""
    user = api.user(93101, language_code="fr")
    workers = Workers(api, f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", tmp_path, count=1)
    try:
        api.push_to(workers.urls, SECRET)
        shows(api, user, "langue", "/start")
        shows(api, user, "enregistr", "press:Français")
        shows(api, user, "Que voulez-vous faire", "press:J'accepte")
        shows(api, user, "Quelle est votre situation", "press:Bilan")
        shows(api, user, "Depuis combien de temps", "press:Nationalité")
        shows(api, user, BORN, "press:Plus de 3 mois")
        mark = api.mark(user.chat_id)
        shows(api, user, BORN, "/menu")  # the menu, then the question again under it
        [menu] = [m for m in api.messages(user.chat_id) if m.message_id > mark and "Que voulez-vous faire" in m.text]
        shows(api, user, "Aucune rencontre", "press:Rencontres", on=menu)
        paused = shows(api, user, BORN, "1990")
        assert paused.text.startswith(PAUSED), paused.text
        shows(api, user, HOUSEHOLD, "1990")
    finally:
        workers.stop()
