"""The privacy screen someone new reads says how long their answers are kept as the service configured it."""

from __future__ import annotations

from cli.main import _assistant
from cli.served import served_flows
from faire_lien.config import Settings
from storage.db import Database
from tests.support.driven_bot import driven_bot
from tests.support.fake_bot_api import FakeBotAPI


async def test_the_privacy_screen_says_the_configured_retention(api: FakeBotAPI, db: Database) -> None:
    """RETENTION_MONTHS=12: « au bout de 12 mois », never the default 24; in English one month is « 1 month »."""
    cases = ((12, "fr", "rendues anonymes au bout de 12 mois."), (1, "en", "anonymous after 1 month."))
    for months, code, said in cases:
        settings = Settings(
            telegram_bot_token="123456:TEST", retention_months=months, data_controller="CCAS de Poitiers"
        )
        person = api.user(82000 + months, language_code=code)
        async with driven_bot(api, db, _assistant(settings, served_flows(settings)[0])) as bot:
            api.send_text(person, "/privacy")
            await bot.deliver()
        privacy, languages = api.messages(person.chat_id)
        assert said in privacy.text, privacy.text
        assert "24" not in privacy.text
        assert "/mydata" in privacy.text and "CCAS de Poitiers" in privacy.text  # the rest of the screen is still there
        assert languages.buttons  # then the language question
