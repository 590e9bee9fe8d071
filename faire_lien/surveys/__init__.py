"""Surveys after sessions: invitations, results, charts, exports and the yearly report."""
