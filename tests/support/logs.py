"""What the bot's logs say, without the parts every line has: times and loopback addresses.

A check that an answer ("850 €") is never logged must not trip on "03:51:20,850" or on port 38850.
"""

from __future__ import annotations

import re

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ", re.MULTILINE)
LOOPBACK = re.compile(r"127\.0\.0\.1:\d+")


def said(logs: str) -> str:
    """The logs with each line's timestamp and every 127.0.0.1 port left out."""
    return LOOPBACK.sub("127.0.0.1:PORT", TIMESTAMP.sub("", logs))
