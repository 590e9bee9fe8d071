"""The web adapter: one Starlette application for production (webhook, health, metrics, staff console)."""
