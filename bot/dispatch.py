"""Handle one update now, with the handlers registered in bot/app.py, letting failures reach the caller.

python-telegram-bot's `Application.process_update` hands a handler's exception to the error
handlers and returns normally. The webhook must know, to answer Telegram with an error status so the
update comes again; so it picks the handler the same way (first match in group 0) and awaits it.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application


async def handle_now(app: Application, update: Update) -> bool:  # type: ignore[type-arg]
    """Run the first handler that accepts the update; False when none does (the update is ignored)."""
    for handler in app.handlers.get(0, []):
        check: Any = handler.check_update(update)
        if check is None or check is False:
            continue
        context = app.context_types.context.from_update(update, app)
        await context.refresh_data()
        await handler.handle_update(update, app, check, context)
        return True
    return False
