"""What the bot's logs say, without the parts every line has: times, loopback addresses and the process id.

A check that an answer ("850 €") is never logged must not trip on "03:51:20,850", on port 38850 or on uvicorn's
"Started server process [28503]", nor a Telegram id on SQLAlchemy's "[cached since 0.008901s ago]".
"""

from __future__ import annotations

import re

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ", re.MULTILINE)
LOOPBACK = re.compile(r"127\.0\.0\.1:\d+")
PROCESS = re.compile(r"process \[\d+\]")
STATEMENT_AGE = re.compile(r"\[(?:cached since|generated in) [\d.e-]+s(?: ago)?\]")
"""SQLAlchemy's timing of a statement's compilation ("[cached since 0.008901s ago]"): a figure, not logged data."""
TOKEN = "7312345678:AAHk2-secretSECRETsecret_0123456789abc"
"""A bot token the `root_log` fixture's filter knows as a secret."""


def said(logs: str) -> str:
    """The logs with each line's timestamp, every 127.0.0.1 port, the server's process id and SQLAlchemy's statement
    timings left out."""
    plain = STATEMENT_AGE.sub("[TIMING]", TIMESTAMP.sub("", logs))
    return PROCESS.sub("process [PID]", LOOPBACK.sub("127.0.0.1:PORT", plain))
