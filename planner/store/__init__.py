"""The scenario library (SQLAlchemy: SQLite by default, PostgreSQL by URL) and Excel in and out."""
