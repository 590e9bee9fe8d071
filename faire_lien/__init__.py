"""faire-lien: the application core shared by the Telegram bot and the terminal chat."""
