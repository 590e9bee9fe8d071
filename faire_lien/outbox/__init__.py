"""Queued messages: what each kind says when it goes out, and what sending it changed."""
