"""The staff console: server-rendered pages for desk work, signed in with a one-time link from the bot."""
