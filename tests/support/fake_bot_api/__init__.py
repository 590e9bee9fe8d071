"""A fake Telegram Bot API on 127.0.0.1 that the real bot talks to over HTTP in end-to-end tests and benchmarks.

Point the bot at ``api.base_url`` (TELEGRAM_API_BASE_URL). The fake keeps its state in the test process,
so the bot process may be killed and restarted at will. It answers only the methods the bot calls
(``methods.py``), as Telegram does where tests depend on it: unconfirmed updates come again, a newer
getUpdates ends an older one with 409, invalid callback data, unknown chats, identical edits and
callback queries answered twice are refused. ``FakeBotAPI(global_rate_limit=...)`` answers 429 beyond
a rate, ``block`` answers 403, ``fail_next`` injects one error and ``fail_randomly`` fails a share of the
sends (500, 502, 429) before they take effect. To play a third-party emulator, ``quirk_next`` answers a call
late, with a raw body (an HTML page, nothing) or with its result changed, and ``push_raw`` queues updates as
given (odd fields, repeated ids, ids going back).

Modules: ``model`` (values handed to tests), ``state`` (chats, updates, calls), ``methods`` (one handler
per Bot API method), ``server`` (HTTP), ``client`` (``FakeBotAPI``, the test's side).
"""

from tests.support.fake_bot_api.client import FakeBotAPI
from tests.support.fake_bot_api.model import BOT_USER, BOT_USER_ID, Call, FakeUser, SentMessage, UploadedFile

__all__ = ["BOT_USER", "BOT_USER_ID", "Call", "FakeBotAPI", "FakeUser", "SentMessage", "UploadedFile"]
