"""Prometheus counters and histograms of this process, served by the web application at /metrics."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

UPDATES = Counter(
    "faire_lien_updates_total",
    "Telegram updates received, by outcome (handled, duplicate, rejected, failed).",
    ["outcome"],
)
ERRORS = Counter("faire_lien_errors_total", "Updates whose handling raised, by exception type.", ["error"])
HANDLER_SECONDS = Histogram(
    "faire_lien_handler_seconds",
    "Seconds from receiving an update to its commit and replies.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SENDS = Counter(
    "faire_lien_sends_total",
    "Messages sent to Telegram, by what they were (reply, outbox) and result (sent, retried, failed, uncertain).",
    ["kind", "result"],
)
SEND_WAIT = Histogram(
    "faire_lien_send_wait_seconds",
    "Seconds a message waited for its slot of the send budget shared by all workers, by lane (reply, outbox).",
    ["lane"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
SEND_REBOOKED = Counter(
    "faire_lien_send_rebooked_total",
    "Sends that booked another slot of the budget: inside a pause after a 429, or woken too late for theirs.",
    ["reason"],
)
