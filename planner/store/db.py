"""Where the library lives and how it is opened: the engine, its settings, and migrations.

SQLite is the default, in ``data/library.db`` beside ``app.py`` (the folder is made when first
needed); ``PLANNER_DB_URL`` or an explicit URL points elsewhere, e.g.
``postgresql+psycopg://user:password@host/dbname``.

SQLite writers take the database lock when their transaction begins (``BEGIN IMMEDIATE``) and wait
up to 30 s for it, so two processes saving at once queue instead of failing; WAL lets readers go on
meanwhile. PostgreSQL writers lock the scenario's row. The schema is made and upgraded by Alembic
on opening, under a lock, so two processes opening a new library at once do not race.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from planner.store.errors import LibraryError

__all__ = [
    "DATA_DIR",
    "DEFAULT_URL_ENV",
    "default_url",
    "first_line",
    "migrate",
    "open_engine",
    "safe_url",
]

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"
DEFAULT_URL_ENV = "PLANNER_DB_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_SECONDS = 30
_LOCK_KEY = 7_041_926  # PostgreSQL advisory lock held while migrating


def default_url() -> str:
    """Return ``$PLANNER_DB_URL`` or the SQLite file in the data folder."""
    env = os.environ.get(DEFAULT_URL_ENV, "").strip()
    if env:
        return env
    return f"sqlite:///{DATA_DIR / 'library.db'}"


def safe_url(url: str | URL) -> str:
    """Return the URL with its password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<?>"


def _sqlite_settings(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" below opens transactions
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def open_engine(url: str | None = None) -> Engine:
    """Make an engine for ``url`` (default :func:`default_url`) with the library's settings.

    Raises
    ------
    LibraryError
        When the URL cannot be read or names a database this library does not support.

    """
    raw = url or default_url()
    try:
        parsed = make_url(raw)
    except ArgumentError:
        raise LibraryError("lib_bad_url", url=safe_url(raw)) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().resolve().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryError("lib_unreachable", url=safe_url(parsed),
                                   detail=exc.strerror or str(exc)) from None
        engine = create_engine(parsed, connect_args={"timeout": BUSY_SECONDS})
        _sqlite_settings(engine)
        return engine
    if backend == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    raise LibraryError("lib_bad_url", url=safe_url(parsed))


def check_existing(url: str | None = None) -> None:
    """Refuse, without writing a byte, a library that is not there or is not a library.

    For the commands that only read: a missing SQLite file or folder, an empty or foreign
    database (tables, but not the library's), or a library whose schema is older or newer than
    this planner's. SQLite is looked at through a read-only connection, so a foreign file is
    neither given the library's tables nor switched to WAL; PostgreSQL through one transaction
    that is rolled back.

    Raises
    ------
    LibraryError
        Naming the URL and what to do (``planner library init`` makes or upgrades a library).

    """
    raw = url or default_url()
    try:
        parsed = make_url(raw)
    except ArgumentError:
        raise LibraryError("lib_bad_url", url=safe_url(raw)) from None
    shown = safe_url(parsed)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            return
        path = Path(database).expanduser()
        if not path.is_file():
            raise LibraryError("lib_missing", url=shown)
        try:
            lite = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                tables = {r[0] for r in lite.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
                revision = (lite.execute("SELECT version_num FROM alembic_version").fetchone()
                            if "alembic_version" in tables else None)
            finally:
                lite.close()
        except sqlite3.DatabaseError as exc:
            raise LibraryError("lib_foreign", url=shown, detail=str(exc)) from None
        _check_revision(shown, tables, revision[0] if revision else None)
        return
    engine = open_engine(raw)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            current = MigrationContext.configure(conn).get_current_revision()
            conn.rollback()
    except SQLAlchemyError as exc:
        raise LibraryError("lib_unreachable", url=shown, detail=first_line(exc)) from None
    finally:
        engine.dispose()
    _check_revision(shown, tables, current)


def _check_revision(shown: str, tables: set[str], revision: str | None) -> None:
    if revision is None:
        raise LibraryError("lib_foreign" if tables else "lib_missing", url=shown,
                           detail=", ".join(sorted(tables))[:200])
    if revision == head_revision():
        return
    known = {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}
    if revision not in known:
        raise LibraryError("lib_newer_schema", url=shown, revision=revision)
    raise LibraryError("lib_old_schema", url=shown)


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """Return the newest migration's revision id."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None  # noqa: S101 - the migrations folder ships with the package
    return head


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision, under a lock.

    Raises
    ------
    LibraryError
        When the database cannot be reached, or was made by a newer planner.

    """
    head = head_revision()
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            current = MigrationContext.configure(conn).get_current_revision()
            if current == head:
                return
            known = {s.revision for s in ScriptDirectory.from_config(
                _alembic_config()).walk_revisions()}
            if current is not None and current not in known:
                raise LibraryError("lib_newer_schema", url=safe_url(engine.url),
                                   revision=current)
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        raise LibraryError("lib_unreachable", url=safe_url(engine.url),
                           detail=first_line(exc)) from None


def first_line(exc: BaseException) -> str:
    """Return the first line of a database error, for a message (no SQL, no traceback)."""
    orig = getattr(exc, "orig", None)
    text_ = str(orig if orig is not None else exc).strip()
    return text_.splitlines()[0] if text_ else type(exc).__name__
