"""One person's walk through the bot for crash drills: language, consent, a registration, the first questions.

Shared by the polling drill and the webhook drills, which check afterwards that every step took
effect once whatever was killed on the way.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.types import PARIS
from tests.support.cli import RunCli
from tests.support.fake_bot_api import FakeBotAPI, FakeUser, SentMessage

EXPECTED_STEP = "born"
"""Where everyone who finished `walk` stands."""
EXPECTED_ANSWERS = '{"residence": "national", "in_france": "more"}'
"""Their answers so far, as stored."""


def publish(run_cli: RunCli, database_url: str, capacity: int = 150, *more: str) -> None:
    """Staff publish "Réunion C2S" in two months (a seat for everyone by default) on the running bot's database.

    Two months from today, not a fixed day: a start more than two years ahead is refused like one that has passed.
    """
    day = (datetime.now(PARIS) + timedelta(days=60)).date().isoformat()
    run_cli(
        "sessions",
        "add",
        "--kind",
        "info_meeting",
        "--title",
        "Réunion C2S",
        *more,
        "--start",
        f"{day} 14:00",
        "--end",
        "16:00",
        "--place",
        "CPAM Poitiers",
        "--address",
        "41 rue Touffenet, 86000 Poitiers",
        "--capacity",
        str(capacity),
        env={"DATABASE_URL": database_url},
    ).check()


def until(api: FakeBotAPI, user: FakeUser, after: int, wanted: str) -> SentMessage:
    """The newest message after `after` with a button or text containing `wanted`.

    A crash may bring back an update already handled: it changes nothing and only shows the current
    screen again, so earlier screens can appear before the expected one.
    """

    def found() -> list[SentMessage]:
        return [
            m
            for m in api.messages(user.chat_id)
            if m.message_id > after and (wanted in m.text or any(wanted in label for label in m.labels))
        ]

    api.wait_until(lambda: bool(found()), timeout=120)
    return found()[-1]


def walk(api: FakeBotAPI, user: FakeUser) -> None:
    """One person: language, consent, register by deep link, then the first questions of the rights check."""
    steps: list[tuple[str, str]] = [
        ("/start", "Français"),
        ("press:Français", "J'accepte"),
        ("press:J'accepte", "Bilan"),
        ("/start s_1", "M'inscrire"),
        ("press:M'inscrire", "Bilan"),
        ("press:Bilan", "Nationalité"),
        ("press:Nationalité", "Plus de 3 mois"),
        ("press:Plus de 3 mois", "En quelle année êtes-vous né·e ?"),
    ]
    shown: SentMessage | None = None
    for action, wanted in steps:
        mark = api.mark(user.chat_id)
        if action.startswith("press:"):
            assert shown is not None
            api.press(user, shown, shown.button(action[len("press:") :]))
        else:
            api.send_text(user, action)
        shown = until(api, user, mark, wanted)
