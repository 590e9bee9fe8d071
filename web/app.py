"""The one web application of production mode: Telegram's webhook, the staff console, /healthz and /metrics.

`faire-lien webhook` serves it with uvicorn. The python-telegram-bot Application inside it only
sends messages and runs the job queue (outbox, retention); updates arrive through `web/webhook.py`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

import uvicorn
from starlette.applications import Starlette
from starlette.routing import Route
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.answers import described
from faire_lien.config import Settings
from web.console.context import Console
from web.server import application, uvicorn_config
from web.webhook import Webhook

log = logging.getLogger(__name__)


def create_app(
    settings: Settings,
    telegram: Application,  # type: ignore[type-arg]
    console: Console,
) -> Starlette:
    """The Starlette application; its lifespan starts the Telegram side and registers the webhook."""
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    secret = settings.webhook_secret.get_secret_value()
    webhook_url = settings.webhook_url

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await telegram.initialize()
        if telegram.post_init is not None:
            await telegram.post_init(telegram)
        try:
            await telegram.bot.set_webhook(
                webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES, drop_pending_updates=False
            )
        except TelegramError as error:  # a Bot API server without setWebhook: it is told the URL some other way
            log.warning("webhook not registered: %s; handling the updates posted to it anyway", described(error))
        await telegram.start()  # the job queue: outbox and retention
        log.info("webhook registered; handling updates")
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                await telegram.stop()
            if telegram.post_shutdown is not None:
                await telegram.post_shutdown(telegram)
            await telegram.shutdown()

    webhook = Route("/" + settings.webhook_path.strip("/"), Webhook(telegram, secret).receive, methods=["POST"])
    return application(console, [webhook], lifespan)


def serve(app: Starlette, settings: Settings) -> bool:
    """Serve until SIGTERM or SIGINT; uvicorn finishes the requests in progress before it stops. False when it could
    not listen (the port taken…)."""
    server = uvicorn.Server(uvicorn_config(app, settings.webhook_listen, settings.webhook_port))
    with contextlib.suppress(SystemExit):  # uvicorn exits when it cannot listen
        server.run()
    return bool(server.started)
