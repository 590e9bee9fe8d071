"""Over HTTP: a coordinator asks the bot for the yearly report; "sending a file…" shows while it is counted."""

from __future__ import annotations

from datetime import datetime

from storage.types import PARIS
from tests.bot.conftest import BotProcess
from tests.bot.test_e2e_cases import act, newcomer
from tests.support.cli import RunCli
from tests.support.fake_bot_api import FakeBotAPI


def test_the_yearly_report_arrives_after_telegram_shows_a_file_on_its_way(
    api: FakeBotAPI, bot: BotProcess, run_cli: RunCli
) -> None:
    api.wait_until_polling(timeout=60)
    marie = api.user(72001)
    run_cli("staff", "add-coordinator", str(marie.chat_id), env={"DATABASE_URL": bot.env["DATABASE_URL"]}).check()
    newcomer(api, marie)
    shown = act(api, marie, [], "/staff")
    year = datetime.now(PARIS).year  # the bot's own clock; last year's report is offered below it
    shown = act(api, marie, shown, f"press:📈 Rapport annuel {year}")
    api.wait_until(lambda: any(m.document for m in api.messages(marie.chat_id)), timeout=30)

    (report,) = [m for m in api.messages(marie.chat_id) if m.document]
    name, content = report.document or ("", b"")
    assert name == f"indicateurs-{year}.xlsx"
    assert content.startswith(b"PK")  # an XLSX file is a zip archive
    actions = [c for c in api.calls_of("sendChatAction") if c.params.get("chat_id") == marie.chat_id]
    assert [c.params.get("action") for c in actions] == ["upload_document"]
    (sent,) = [c for c in api.calls_of("sendDocument") if c.params.get("chat_id") == marie.chat_id]
    assert actions[0].at <= sent.at
