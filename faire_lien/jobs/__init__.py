"""Daily jobs: the retention purge."""
