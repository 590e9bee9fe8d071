"""Channel-independent conversation engine and the flows as data (no Telegram, no SQL)."""
