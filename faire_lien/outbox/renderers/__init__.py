"""One renderer per kind of queued message: its text and buttons in the person's language, or None when moot."""
