"""Test support utilities (fake Telegram Bot API server and helpers)."""
