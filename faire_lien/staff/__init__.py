"""Staff in the bot: the /staff menu, following sessions, grids with someone, mediated mode, the team."""
