"""Long lists shown a page at a time: which page was asked for, and the links to the others (filters kept)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request

from dialogs.digits import plain_number


def asked(request: Request) -> int:
    """The page number `?page=N` asks for (1 when absent or not a number)."""
    return max(1, plain_number(request.query_params.get("page", ""), longest=6) or 1)


@dataclass(frozen=True)
class Paging:
    """Page `number` (from 1) of `total` rows shown `size` at a time, on `path` with these query values."""

    path: str
    number: int
    size: int
    total: int
    query: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, request: Request, size: int, total: int, query: dict[str, str] | None = None) -> Paging:
        """The page asked for by `?page=N` (a wrong or too large number: the nearest page that exists)."""
        pages = max(1, -(-total // size))
        kept = tuple((k, v) for k, v in (query or {}).items() if v)
        return cls(request.url.path, min(asked(request), pages), size, total, kept)

    @property
    def offset(self) -> int:
        """Rows before this page."""
        return (self.number - 1) * self.size

    @property
    def pages(self) -> int:
        """How many pages there are (at least one, maybe empty)."""
        return max(1, -(-self.total // self.size))

    def href(self, number: int) -> str:
        """The address of another page, with the same filters."""
        return f"{self.path}?{urlencode([*self.query, ('page', str(number))])}"
