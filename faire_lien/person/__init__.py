"""What a person can do for themself: offers under a result card, their data, "I don't understand"."""
