"""Telegram adapter: updates in, dialog replies out as messages with inline keyboards."""
