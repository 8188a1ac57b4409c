"""Alembic migrations of the library's schema (run by :func:`planner.store.db.migrate`)."""
