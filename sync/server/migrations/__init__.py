"""Alembic migrations of the server database (PostgreSQL and SQLite)."""
