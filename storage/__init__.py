"""Storage layer: SQLAlchemy models, the async session factory, repository functions, migrations."""
