"""Sessions: what a facilitator publishes, how a person browses and registers, reminders and the calendar file."""
