"""Request bodies read within a bound: what is over it is never read into memory, whatever the headers announce."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import Message


async def bounded_body(request: Request, limit: int) -> bytes | None:
    """The request's body, or None once it is known to be over `limit` bytes: by its announced length, or as it
    streams (a body of gigabytes sent in chunks, without a length, is refused after `limit` bytes)."""
    announced = request.headers.get("content-length", "")
    if announced.isascii() and announced.isdigit() and (len(announced) > 12 or int(announced) > limit):
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def replayed(request: Request, body: bytes) -> Request:
    """The same request with its body already read: Starlette's form parser reads it from here."""

    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, receive)
