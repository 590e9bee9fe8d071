"""The one ASGI application: the staff console, /healthz and /metrics, and in webhook mode Telegram's webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable

import uvicorn
from starlette.applications import Starlette
from starlette.routing import BaseRoute, Route

from web.console.context import Console
from web.console.pages import unknown_address
from web.console.routes import console_routes
from web.health import healthz, metrics

log = logging.getLogger(__name__)

Lifespan = Callable[[Starlette], contextlib.AbstractAsyncContextManager[None]]


def application(console: Console, extra: list[BaseRoute] | None = None, lifespan: Lifespan | None = None) -> Starlette:
    """The console with the health and metrics endpoints (and, in webhook mode, the webhook route)."""
    routes: list[BaseRoute] = [
        *(extra or []),
        Route("/healthz", healthz(console.db, console.now), methods=["GET"]),
        Route("/metrics", metrics(console.db, console.now), methods=["GET"]),
        *console_routes(),
    ]
    unknown = {404: unknown_address, 405: unknown_address}
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers=unknown)
    app.state.console = console
    return app


def uvicorn_config(app: Starlette, host: str, port: int) -> uvicorn.Config:
    """uvicorn as we run it: our logging set-up, no access log (paths carry sign-in tokens)."""
    return uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False, lifespan="on")


TICK_SECONDS = 1.0
"""How often the console's server wakes up when nobody uses it (uvicorn's own loop: ten times a second)."""


class QuietServer(uvicorn.Server):
    """uvicorn's server, waking once a second when idle instead of ten times; `exit_soon` stops it at once.

    Beside the bot it runs in a thread of its own: each wake-up takes Python's lock from the bot's
    thread, about a third of the bot's CPU time when idle. At each wake-up uvicorn refreshes the
    `Date` header (once a second, as before) and checks whether it should stop.
    """

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None

    async def main_loop(self) -> None:
        """uvicorn's `main_loop` with a longer tick, cut short by `exit_soon`."""
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        counter = 0
        should_exit = await self.on_tick(counter)
        while not should_exit:
            counter = (counter + 10) % 864000  # uvicorn refreshes the Date header when the counter is a multiple of 10
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), TICK_SECONDS)
            should_exit = await self.on_tick(counter)

    def exit_soon(self) -> None:
        """Ask the server to finish its requests and stop, from any thread, without waiting for its next tick."""
        self.should_exit = True
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with contextlib.suppress(RuntimeError):  # its loop already closed: it has stopped
                loop.call_soon_threadsafe(wake.set)


class BackgroundServer:
    """The console served from a thread of its own, beside the bot or the terminal chat (`make run`)."""

    def __init__(self, app: Starlette, host: str, port: int) -> None:
        self.server = QuietServer(uvicorn_config(app, host, port))
        self.thread = threading.Thread(target=self._run, name="console", daemon=True)

    def _run(self) -> None:
        asyncio.run(self.server.serve())

    def start(self, timeout: float = 10.0) -> bool:
        """Start and wait until it listens; False when it could not (port taken…), logged."""
        self.thread.start()
        for _ in range(int(timeout * 20)):
            if self.server.started:
                return True
            if not self.thread.is_alive():
                break
            threading.Event().wait(0.05)
        log.warning("the staff console could not start (is the port already in use?)")
        return False

    @property
    def port(self) -> int:
        """The port it listens on (the one chosen by the system when WEB_PORT is 0)."""
        return int(self.server.servers[0].sockets[0].getsockname()[1])

    def stop(self) -> None:
        """Finish the requests in progress, then stop."""
        self.server.exit_soon()
        self.thread.join(timeout=10)
