"""Background jobs: the daily retention purge, and passing on seat offers not taken in time."""
