"""The staff console's server beside the bot: it answers, dates its answers, and stops when asked."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from web.server import TICK_SECONDS, BackgroundServer


async def hello(_request: Request) -> PlainTextResponse:
    return PlainTextResponse("hello")


def test_the_background_server_answers_and_stops_when_asked() -> None:
    server = BackgroundServer(Starlette(routes=[Route("/", hello)]), "127.0.0.1", 0)
    assert server.start()
    answer = httpx.get(f"http://127.0.0.1:{server.port}/")
    assert answer.text == "hello"
    assert answer.headers["date"].endswith("GMT")  # uvicorn's Date header, refreshed at each tick
    server.thread.join(timeout=TICK_SECONDS * 2)  # idle for two ticks: still running
    assert server.thread.is_alive()
    server.stop()
    assert not server.thread.is_alive()
